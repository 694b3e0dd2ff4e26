import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { en, enOrg, format } from '@janua/core';
import '../components/org-profile/define.ts';
import { manifestArgs } from './support/args.ts';
import { queryAllDeep, queryDeep } from './support/dom.ts';
import { withOrgs, type OrgWorld } from './support/orgs.ts';
import { expectFieldError, expectHeld, fill, input, submit, WAIT } from './support/play.ts';

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

/** Waits for the card's alert to say `text` as a notice (a status, not an error). */
const expectNotice = (root: HTMLElement, text: string) => waitFor(() => {
  expect(queryDeep(root, '[part="base"][role="status"]')).toHaveTextContent(text);
  expect(queryDeep(root, 'janua-alert[part="alert"]')).toHaveAttribute('variant', 'info');
}, WAIT);

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

/** The owner renames Acme: the card says the changes are saved and heads the new name. */
export const Saved: Story = {
  play: async ({ canvasElement }) => {
    await asRole(canvasElement, 'Owner');
    await fill(canvasElement, { name: 'Acme Rockets' });
    await submit(canvasElement);
    await expectNotice(canvasElement, enOrg['org.saved']);
    // The heading follows once the list of organizations has been read again.
    await waitFor(() => expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent('Acme Rockets'), WAIT);
    await expect(await input(canvasElement, 'name')).toHaveValue('Acme Rockets');
  },
};

/** The address of Sam's other organization, Northwind 1: the server's answer under the address field. */
export const SlugTaken: Story = {
  loaders: [withOrgs({ role: 'owner', more: 1 })],
  play: async ({ canvasElement, loaded }) => {
    await asRole(canvasElement, 'Owner');
    const other = (loaded['world'] as OrgWorld).client.getSnapshot().organizations.find((o) => o.name === 'Northwind 1')!;
    await fill(canvasElement, { slug: other.slug });
    await submit(canvasElement);
    await expectFieldError(canvasElement, 'slug', en['error.SLUG_TAKEN']);
    await expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent('Acme');
  },
};

/** An invitation sent from the Invitations tab: the card says so, and it joins the pending ones. */
export const InvitationSent: Story = {
  args: { tab: 'invitations' },
  play: async ({ canvasElement }) => {
    await panelShows('invitee2@example.com')({ canvasElement });
    await fill(canvasElement, { email: 'newhire@example.com' });
    await submit(canvasElement);
    await expectNotice(canvasElement, format(enOrg['org.invite.sent'], { email: 'newhire@example.com' }, 'en'));
    await waitFor(() => expect([...canvasElement.querySelectorAll('janua-org-profile .janua-invitation .janua-name')]
      .map((el) => el.textContent)).toContain('newhire@example.com'), WAIT);
    await expect(await input(canvasElement, 'email')).toHaveValue('');
  },
};

/** Inviting someone who is in Acme already (Sam himself): the server's answer under the email field. */
export const AlreadyMember: Story = {
  args: { tab: 'invitations' },
  play: async ({ canvasElement, loaded }) => {
    await panelShows('invitee2@example.com')({ canvasElement });
    await fill(canvasElement, { email: (loaded['world'] as OrgWorld).email });
    await submit(canvasElement);
    await expectFieldError(canvasElement, 'email', en['error.ALREADY_MEMBER']);
  },
};

/**
 * An admin's Members tab: Olga, the owner, has neither a role menu nor a Remove button; the
 * others' role menus offer Admin, Member and Viewer, never Owner.
 */
export const MembersAsAdmin: Story = {
  loaders: [withOrgs({ role: 'admin' })],
  args: { tab: 'members' },
  play: async ({ canvasElement }) => {
    await asRole(canvasElement, 'Admin');
    await panelShows('Grace Hopper')({ canvasElement });
    const row = (name: string) => [...canvasElement.querySelectorAll<HTMLElement>('janua-org-profile .janua-member')]
      .find((li) => li.querySelector('.janua-name')?.textContent?.includes(name))!;
    const olga = row('Olga Owner');
    await expect(olga.querySelector('select')).toBeNull();
    await expect(olga.querySelector('button')).toBeNull();
    await expect(olga.querySelector('.janua-role')).toHaveTextContent('Owner');
    for (const name of ['Grace Hopper', 'Alan Turing']) {
      const select = row(name).querySelector('select')!;
      await expect(select).toHaveAccessibleName(format(enOrg['org.roleOf'], { name }, 'en'));
      await expect([...select.options].map((o) => o.textContent)).toEqual(['Admin', 'Member', 'Viewer']);
      await expect(row(name).querySelector(`button[aria-label="Remove ${name}"]`)).not.toBeNull();
    }
  },
};

/**
 * The organization itself is still on its way (`organization-id` names Acme; the list of
 * organizations is held): the card says it is loading, with no tabs and no form yet.
 */
export const OrganizationLoading: Story = {
  loaders: [withOrgs({ role: 'owner', fresh: 'signed-in', hold: /\/organizations\/$/ })],
  render: (args, { loaded }) => {
    const world = loaded['world'] as OrgWorld;
    return html`<janua-org-profile .client=${world.client} organization-id=${world.org!.id} ${manifestArgs(args)}></janua-org-profile>`;
  },
  play: async ({ canvasElement }) => {
    await expectHeld(canvasElement, /\/organizations\/$/, () => {
      expect(queryDeep(canvasElement, '[part="card"]')).toHaveTextContent('Loading…');
      expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent(enOrg['org.manage']);
    });
    await expect(queryAllDeep(canvasElement, '[role="tablist"]')).toHaveLength(0);
    await expect(canvasElement.querySelector('janua-org-profile form')).toBeNull();
  },
};
