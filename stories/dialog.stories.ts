import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/org-switcher/define.ts';
import { focusedDeep, queryAllDeep, queryDeep } from './support/dom.ts';
import { withOrgs, type OrgWorld } from './support/orgs.ts';
import { WAIT } from './support/play.ts';

/*
 * The kit's dialog is the modal `<dialog>` <janua-org-switcher> opens for "Create organization"
 * and "Manage organization" (part `dialog`, its `close-button`): the smallest real element that
 * hosts it, rendered here in the state that shows it.
 */
const meta: Meta = {
  title: 'Primitives/Dialog',
  parameters: {
    docs: {
      description: {
        component: `A native modal \`<dialog>\` (\`showModal()\`): the rest of the page is inert behind
\`--janua-color-backdrop\`, focus moves into it, and Escape or its close button (the kit's focus ring, placed on the
spacing scale) closes it. Shown as \`<janua-org-switcher>\` opens it, against the reference server
in this page; the user is Sam Story, owner of Acme.`,
      },
    },
  },
  loaders: [withOrgs({ role: 'owner' })],
  render: (_args, { loaded }) => html`<janua-org-switcher .client=${(loaded['world'] as OrgWorld).client}></janua-org-switcher>`,
};
export default meta;

type Story = StoryObj;

const trigger = (root: HTMLElement) => queryDeep<HTMLButtonElement>(root, '[part="trigger"]');
const dialog = (root: HTMLElement) => queryAllDeep<HTMLDialogElement>(root, 'dialog')[0];

/** Chooses a command of the switcher's menu from the keyboard, which opens its dialog. */
async function openDialog(root: HTMLElement, command: string): Promise<HTMLDialogElement> {
  await waitFor(() => expect(trigger(root)).not.toHaveAttribute('aria-disabled'), WAIT);
  trigger(root).focus();
  await userEvent.keyboard('{ArrowDown}');
  await waitFor(() => expect(trigger(root)).toHaveAttribute('aria-expanded', 'true'), WAIT);
  const item = await waitFor(() => {
    const found = queryAllDeep<HTMLElement>(root, '[role="menuitem"]').find((i) => i.dataset['label'] === command);
    if (!found) throw new Error(`no "${command}" item yet`);
    return found;
  }, WAIT);
  item.focus();
  await userEvent.keyboard('{Enter}');
  return waitFor(() => {
    const open = dialog(root);
    expect(open?.open).toBe(true);
    return open!;
  }, WAIT);
}

/** Open, with `<janua-create-org>` in it and focus on its first field. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const open = await openDialog(canvasElement, 'Create organization');
    await expect(open).toHaveAccessibleName('Create organization');
    await waitFor(() => expect(focusedDeep()).toBe(open.querySelector('janua-create-org')!.querySelector('input')), WAIT);
  },
};

/** Open on the larger content, the organization's settings, which scroll inside the dialog. */
export const Manage: Story = {
  play: async ({ canvasElement }) => {
    const open = await openDialog(canvasElement, 'Manage organization');
    await expect(open).toHaveAccessibleName('Manage organization');
    await waitFor(() => expect(queryAllDeep(open, '[role="tab"]').length).toBeGreaterThan(1), WAIT);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };
