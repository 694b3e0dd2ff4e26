import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { en } from '@janua/core';
import '../components/org-switcher/define.ts';
import { manifestArgs } from './support/args.ts';
import { queryDeep, renderedText } from './support/dom.ts';
import { withOrgs, type OrgWorld } from './support/orgs.ts';
import { expectHeld, expectRestoring, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

const meta: Meta<Args> = {
  title: 'Organizations/Org switcher',
  component: 'janua-org-switcher',
  parameters: {
    docs: {
      description: {
        component: `The active organization and a menu button to switch workspace, create or manage one. Each story
arranges its own people and organizations on the reference server inside this page; the user is Sam Story.`,
      },
    },
  },
  loaders: [withOrgs({ role: 'owner' })],
  render: (args, { loaded }) =>
    html`<janua-org-switcher .client=${(loaded['world'] as OrgWorld).client} ${manifestArgs(args)}></janua-org-switcher>`,
};
export default meta;

type Story = StoryObj<Args>;

const trigger = (root: HTMLElement) => queryDeep<HTMLButtonElement>(root, '[part="trigger"]');
const menu = (root: HTMLElement) => queryDeep(root, '[role="menu"]');
const expectTrigger = (root: HTMLElement, text: string) =>
  waitFor(() => expect(trigger(root)).toHaveTextContent(text), WAIT);

/** Opens the menu the way a keyboard user does. */
async function open(root: HTMLElement): Promise<void> {
  await waitFor(() => expect(trigger(root)).not.toHaveAttribute('aria-disabled'), WAIT);
  trigger(root).focus();
  await userEvent.keyboard('{ArrowDown}');
  await waitFor(() => expect(trigger(root)).toHaveAttribute('aria-expanded', 'true'), WAIT);
}

/** Sam owns Acme, the active organization. */
export const Default: Story = {
  play: async ({ canvasElement }) => expectTrigger(canvasElement, 'AcmeOwner'),
};

/** The menu open: the personal workspace, Acme (checked, current), create and manage. */
export const Open: Story = {
  play: async ({ canvasElement }) => {
    await expectTrigger(canvasElement, 'Acme');
    await open(canvasElement);
    await waitFor(() => expect(queryDeep(canvasElement, '[role="menuitemradio"][aria-current="true"]')).toHaveTextContent('Acme'), WAIT);
  },
};

/** A new user in no organization: the personal workspace, and "Create organization". */
export const NoOrganizations: Story = {
  loaders: [withOrgs()],
  play: async ({ canvasElement }) => {
    await expectTrigger(canvasElement, 'Personal workspace');
    await open(canvasElement);
  },
};

/** One organization, in which Sam is a member: the menu lists the personal workspace and Acme. */
export const OneOrganization: Story = {
  loaders: [withOrgs({ role: 'member' })],
  play: async ({ canvasElement }) => {
    await expectTrigger(canvasElement, 'AcmeMember');
    await open(canvasElement);
    await waitFor(() => expect([...menu(canvasElement).querySelectorAll('[role="menuitemradio"] .name')].map((r) => r.textContent))
      .toEqual(['Personal workspace', 'Acme']), WAIT);
  },
};

/** Twenty organizations: the workspace list scrolls, the commands stay in view. */
export const ManyOrganizations: Story = {
  loaders: [withOrgs({ role: 'owner', more: 20 })],
  play: async ({ canvasElement }) => {
    await open(canvasElement);
    await waitFor(() => expect(menu(canvasElement).querySelectorAll('[role="menuitemradio"]').length).toBe(22), WAIT);
    const list = menu(canvasElement).querySelector<HTMLElement>('[role="group"]')!;
    await expect(list.scrollHeight, 'the workspace list scrolls').toBeGreaterThan(list.clientHeight);
    // Create and manage stay below the list, inside the menu as it shows and inside the window.
    const box = menu(canvasElement).getBoundingClientRect();
    for (const action of ['create', 'manage']) {
      const command = menu(canvasElement).querySelector(`[data-action="${action}"]`)!.getBoundingClientRect();
      await expect(command.top, `${action} below the list`).toBeGreaterThanOrEqual(list.getBoundingClientRect().bottom - 1);
      await expect(command.bottom, `${action} inside the menu`).toBeLessThanOrEqual(Math.min(box.bottom, innerHeight) + 1);
      await expect(command.top, `${action} inside the menu`).toBeGreaterThanOrEqual(box.top - 1);
    }
  },
};

export const RoleAdmin: Story = {
  loaders: [withOrgs({ role: 'admin' })],
  play: async ({ canvasElement }) => expectTrigger(canvasElement, 'AcmeAdmin'),
};

export const RoleMember: Story = {
  loaders: [withOrgs({ role: 'member' })],
  play: async ({ canvasElement }) => expectTrigger(canvasElement, 'AcmeMember'),
};

export const RoleViewer: Story = {
  loaders: [withOrgs({ role: 'viewer' })],
  play: async ({ canvasElement }) => expectTrigger(canvasElement, 'AcmeViewer'),
};

/** Signed in afresh while the list of organizations is held on its way: the menu says it is loading. */
export const Loading: Story = {
  loaders: [withOrgs({ role: 'owner', fresh: 'signed-in', hold: /\/organizations\/$/ })],
  play: async ({ canvasElement }) => {
    await open(canvasElement);
    await expectHeld(canvasElement, /\/organizations\/$/, () => expect(menu(canvasElement)).toHaveTextContent('Loading…'));
  },
};

/** The session is still being restored: a disabled trigger that says so. */
export const Restoring: Story = {
  loaders: [withOrgs({ fresh: 'restoring', hold: /\/auth\/refresh$/ })],
  play: async ({ canvasElement }) => {
    await expectRestoring(canvasElement, 'janua-org-switcher', null);
    await waitFor(() => expect(trigger(canvasElement)).toHaveAttribute('aria-disabled', 'true'), WAIT);
    await expect(trigger(canvasElement)).toHaveTextContent('Loading…');
  },
};

/** The server is down when the menu asks for the list: the menu says so and offers to try again. */
export const LoadError: Story = {
  loaders: [withOrgs({ fresh: 'signed-in', outage: /\/organizations\/$/ })],
  play: async ({ canvasElement }) => {
    await open(canvasElement);
    await waitFor(() => expect(queryDeep(canvasElement, '[role="menu"]')).toHaveTextContent('This list could not be loaded.'), WAIT);
  },
};

/**
 * In Acme, but the list of organizations cannot be loaded: the trigger says "Current
 * organization" with the role from the token (never "Personal workspace"), and the menu offers to
 * try again.
 */
export const LoadErrorInOrganization: Story = {
  loaders: [withOrgs({ role: 'admin', fresh: 'in-org', outage: /\/organizations\/$/ })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(trigger(canvasElement)).toHaveTextContent('Current organization'), WAIT);
    await expect(trigger(canvasElement)).toHaveTextContent('Admin');
    await expect(trigger(canvasElement)).not.toHaveTextContent('Personal workspace');
    await open(canvasElement);
    await waitFor(() => expect(queryDeep(canvasElement, '[role="menu"]')).toHaveTextContent('This list could not be loaded.'), WAIT);
  },
};

export const HidePersonal: Story = {
  loaders: [withOrgs({ more: 2 })],
  args: { 'hide-personal': true },
  play: async ({ canvasElement }) => expectTrigger(canvasElement, 'Choose an organization'),
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };

export const DarkThemeOpen: Story = { globals: { theme: 'dark' }, play: Open.play };

/**
 * Choosing another organization, and the switch fails (503): the message shows under the
 * trigger, which still names Acme; the session stays where it was.
 */
export const SwitchFailed: Story = {
  loaders: [withOrgs({ role: 'owner', more: 1, outage: /\/switch$/ })],
  play: async ({ canvasElement, loaded }) => {
    await expectTrigger(canvasElement, 'AcmeOwner');
    await open(canvasElement);
    const other = await waitFor(() => {
      const item = [...queryDeep(canvasElement, '[role="menu"]').querySelectorAll<HTMLElement>('[role="menuitemradio"]')]
        .find((el) => el.textContent?.includes('Northwind 1'));
      if (!item) throw new Error('no Northwind 1 in the menu yet');
      return item;
    }, WAIT);
    await userEvent.click(other);
    const status = queryDeep(canvasElement, '[part="status"]');
    await waitFor(() => expect(status).toHaveAttribute('variant', 'error'), WAIT);
    await expect(renderedText(status)).toContain(en['error.SERVICE_UNAVAILABLE']);
    await expect(trigger(canvasElement)).toHaveTextContent('AcmeOwner');
    const { client, org } = loaded['world'] as OrgWorld;
    await expect(client.getSnapshot().session?.orgId).toBe(org!.id);
  },
};
