import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { en, enOrg, format } from '@janua/core';
import '../components/org-switcher/define.ts';
import { manifestArgs } from './support/args.ts';
import { focusedDeep, queryDeep, renderedText } from './support/dom.ts';
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

/** The row of the open menu whose text holds `name`, once the menu lists it. */
const menuItem = (root: HTMLElement, name: string) => waitFor(() => {
  const item = [...menu(root).querySelectorAll<HTMLElement>('[role^="menuitem"]')].find((el) => el.textContent?.includes(name));
  if (!item) throw new Error(`no ${name} in the menu yet`);
  return item;
}, WAIT);

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
    await userEvent.click(await menuItem(canvasElement, 'Northwind 1'));
    const status = queryDeep(canvasElement, '[part="status"]');
    await waitFor(() => expect(status).toHaveAttribute('variant', 'error'), WAIT);
    await expect(renderedText(status)).toContain(en['error.SERVICE_UNAVAILABLE']);
    await expect(trigger(canvasElement)).toHaveTextContent('AcmeOwner');
    const { client, org } = loaded['world'] as OrgWorld;
    await expect(client.getSnapshot().session?.orgId).toBe(org!.id);
  },
};

/**
 * Choosing another organization, and the switch goes through: the trigger names Northwind 1,
 * the status (said, not shown) tells screen readers, and the session is in Northwind 1.
 */
export const Switched: Story = {
  loaders: [withOrgs({ role: 'owner', more: 1 })],
  play: async ({ canvasElement, loaded }) => {
    await expectTrigger(canvasElement, 'AcmeOwner');
    await open(canvasElement);
    await userEvent.click(await menuItem(canvasElement, 'Northwind 1'));
    await expectTrigger(canvasElement, 'Northwind 1Owner');
    const status = queryDeep(canvasElement, '[part="status"]');
    await waitFor(() => expect(renderedText(status)).toContain(format(enOrg['org.switched'], { name: 'Northwind 1' }, 'en')), WAIT);
    await expect(status).toHaveAttribute('variant', 'info');
    const { client, org } = loaded['world'] as OrgWorld;
    const { activeOrganization, session } = client.getSnapshot();
    await expect(activeOrganization?.name).toBe('Northwind 1');
    await expect(session?.orgId).toBe(activeOrganization!.id);
    await expect(session?.orgId).not.toBe(org!.id);
  },
};

/** "Create organization" in the menu: a modal dialog with the form, its name field focused. */
export const CreateDialog: Story = {
  play: async ({ canvasElement }) => {
    await expectTrigger(canvasElement, 'AcmeOwner');
    await open(canvasElement);
    await userEvent.click(await menuItem(canvasElement, enOrg['org.create']));
    const dialog = queryDeep<HTMLDialogElement>(canvasElement, 'dialog[part="dialog"]');
    await waitFor(() => expect(dialog.open).toBe(true), WAIT);
    await expect(dialog).toHaveAccessibleName(enOrg['org.create']);
    await expect(dialog.matches(':modal')).toBe(true);
    await waitFor(() => expect(focusedDeep()).toBe(dialog.querySelector('janua-create-org input[name="name"]')), WAIT);
    await expect(queryDeep(dialog, '[part="heading"]')).toHaveTextContent(enOrg['org.create.title']);
    await expect(trigger(canvasElement)).toHaveAttribute('aria-expanded', 'false');
  },
};
