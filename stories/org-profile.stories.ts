import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { enOrg } from '@janua/core';
import '../components/org-profile/define.ts';
import { manifestArgs } from './support/args.ts';
import { queryAllDeep, queryDeep } from './support/dom.ts';
import { withOrgs, type OrgWorld } from './support/orgs.ts';
import { expectHeld, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

const meta: Meta<Args> = {
  title: 'Organizations/Org profile',
  component: 'janua-org-profile',
  parameters: {
    docs: {
      description: {
        component: `Sam Story's view of Acme, whose members are Olga (owner), Ada (admin), Grace (member) and Alan
(viewer). Each role is offered only what it may do.`,
      },
    },
  },
  loaders: [withOrgs({ role: 'owner', pending: 2 })],
  render: (args, { loaded }) =>
    html`<janua-org-profile .client=${(loaded['world'] as OrgWorld).client} ${manifestArgs(args)}></janua-org-profile>`,
};
export default meta;

type Story = StoryObj<Args>;

const panelShows = (text: string) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  await waitFor(() => expect(canvasElement.querySelector('janua-org-profile')!.textContent).toContain(text), WAIT);
};

/** Every text of the element, shadow roots included. */
const everything = (root: HTMLElement) => queryAllDeep(root, 'janua-org-profile')
  .map((el) => `${el.shadowRoot?.textContent ?? ''} ${el.textContent ?? ''}`).join(' ');

/** Waits for the subtitle to name Sam's role: the organization is loaded, in that role. */
const asRole = (root: HTMLElement, role: string) =>
  waitFor(() => expect(queryDeep(root, '[part="subtitle"]')).toHaveTextContent(`Your role: ${role}`), WAIT);

/** The owner's General tab: the form and the delete button. */
export const Default: Story = { play: panelShows('Delete organization') };

/** An admin edits the organization but cannot delete it. */
export const RoleAdmin: Story = {
  loaders: [withOrgs({ role: 'admin' })],
  play: async ({ canvasElement }) => {
    await asRole(canvasElement, 'Admin');
    await panelShows('Save changes')({ canvasElement });
    await expect(everything(canvasElement)).not.toContain('Delete organization');
  },
};

/** A member reads; there is no form and no Invitations tab. */
export const RoleMember: Story = {
  loaders: [withOrgs({ role: 'member' })],
  play: async ({ canvasElement }) => {
    await asRole(canvasElement, 'Member');
    await panelShows('Acme')({ canvasElement });
    await expect(queryAllDeep(canvasElement, '[role="tab"]').map((t) => t.textContent?.trim())).toEqual(['General', 'Members']);
    await expect(queryAllDeep(canvasElement, 'form')).toEqual([]);
  },
};

/** A viewer sees the members and may leave. */
export const RoleViewer: Story = {
  loaders: [withOrgs({ role: 'viewer' })],
  args: { tab: 'members' },
  play: async ({ canvasElement }) => {
    await asRole(canvasElement, 'Viewer');
    await panelShows('Leave organization')({ canvasElement });
  },
};

export const Members: Story = { args: { tab: 'members' }, play: panelShows('Grace Hopper') };

export const Invitations: Story = { args: { tab: 'invitations' }, play: panelShows('invitee2@example.com') };

/** Removing someone asks first. */
export const ConfirmRemove: Story = {
  args: { tab: 'members' },
  play: async ({ canvasElement }) => {
    await panelShows('Alan Turing')({ canvasElement });
    await userEvent.click(queryDeep(canvasElement, 'button[aria-label="Remove Alan Turing"]'));
    await waitFor(() => expect(queryDeep(canvasElement, '.janua-confirm')).toHaveTextContent('Remove Alan Turing from Acme?'), WAIT);
  },
};

/** Deleting asks for the address, typed. */
export const ConfirmDelete: Story = {
  play: async ({ canvasElement }) => {
    await panelShows('Delete organization')({ canvasElement });
    await userEvent.click(queryDeep(canvasElement, '[data-key="delete"]'));
    await waitFor(() => expect(canvasElement.querySelector('input[name="confirm"]')).toBeTruthy(), WAIT);
  },
};

/** No organization is active. */
export const NoOrganization: Story = { loaders: [withOrgs()], play: async ({ canvasElement }) => {
  await waitFor(() => expect(queryDeep(canvasElement, '[part="card"]')).toHaveTextContent('No organization is active.'), WAIT);
} };

/** The members are held on their way. */
export const Loading: Story = {
  loaders: [withOrgs({ role: 'owner', hold: /\/members$/ })],
  args: { tab: 'members' },
  play: async ({ canvasElement }) => {
    await asRole(canvasElement, 'Owner');
    await expectHeld(canvasElement, /\/members$/, () => expect(canvasElement.querySelector('janua-org-profile')!.textContent).toContain('Loading…'));
  },
};

/** The server is down when the members are asked for: say so, offer to try again. */
export const LoadError: Story = {
  loaders: [withOrgs({ role: 'owner', outage: /\/members$/ })],
  args: { tab: 'members' },
  play: panelShows('This list could not be loaded.'),
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };

export const DarkThemeMembers: Story = { globals: { theme: 'dark' }, args: { tab: 'members' }, play: Members.play };

/**
 * The session names Acme, but the list of organizations cannot be loaded (503): the card says
 * the organization could not be loaded and offers "Try again"; no tabs, no form.
 */
export const OrganizationLoadError: Story = {
  loaders: [withOrgs({ role: 'owner', fresh: 'in-org', outage: /\/organizations\/$/ })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(queryDeep(canvasElement, '[part="retry-button"]')).toHaveTextContent(enOrg['org.retry']), WAIT);
    const card = queryDeep(canvasElement, '[part="card"]');
    await expect(card).toHaveTextContent(enOrg['org.loadOneFailed']);
    await expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent(enOrg['org.manage']);
    await expect(queryAllDeep(canvasElement, '[role="tablist"]')).toHaveLength(0);
    await expect(canvasElement.querySelector('janua-org-profile form')).toBeNull();
  },
};
