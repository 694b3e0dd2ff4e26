import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/protect/define.ts';
import { manifestArgs } from './support/args.ts';
import { isShown } from './support/page.ts';
import { withOrgs, type OrgWorld } from './support/orgs.ts';
import { expectRestoring, expectSignedOut, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

const meta: Meta<Args> = {
  title: 'Organizations/Protect',
  component: 'janua-protect',
  parameters: {
    docs: {
      description: {
        component: `Content for some roles of the active organization only, a fallback otherwise. **UI, not security**:
the server must check every action again.`,
      },
    },
  },
  args: { 'org-role': 'admin' },
  loaders: [withOrgs({ role: 'admin' })],
  render: (args, { loaded }) => html`<janua-protect .client=${(loaded['world'] as OrgWorld).client} ${manifestArgs(args)}>
    <p id="granted">Admin tools: invite people, change roles.</p>
    <p slot="fallback" id="fallback">The admin tools are for admins.</p>
  </janua-protect>`,
};
export default meta;

type Story = StoryObj<Args>;

const showing = (id: string) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  await waitFor(() => expect(isShown(canvasElement.querySelector(`#${id}`))).toBe(true), WAIT);
};

/** Sam is an admin of the active organization: the content shows. */
export const Default: Story = { play: showing('granted') };

export const RoleOwner: Story = { loaders: [withOrgs({ role: 'owner' })], play: showing('fallback') };

export const RoleOwnerOrAdmin: Story = { loaders: [withOrgs({ role: 'owner' })], args: { 'org-role': '', 'any-role': 'owner admin' }, play: showing('granted') };

export const RoleMember: Story = { loaders: [withOrgs({ role: 'member' })], play: showing('fallback') };

export const RoleViewer: Story = { loaders: [withOrgs({ role: 'viewer' })], play: showing('fallback') };

/** In no organization: no role at all. */
export const NoOrganization: Story = { loaders: [withOrgs()], play: showing('fallback') };

/** The session is still being restored: nothing at all, neither side. */
export const Loading: Story = {
  loaders: [withOrgs({ fresh: 'restoring', hold: /\/auth\/refresh$/ })],
  play: async ({ canvasElement }) => {
    await expectRestoring(canvasElement, 'janua-protect', null);
    await expect(isShown(canvasElement.querySelector('#granted'))).toBe(false);
    await expect(isShown(canvasElement.querySelector('#fallback'))).toBe(false);
  },
};

/** A signed-out visitor: no role at all, the fallback. */
export const SignedOut: Story = {
  loaders: [withOrgs({ role: 'admin', signedOut: true })],
  play: async ({ canvasElement }) => {
    await expectSignedOut(canvasElement, 'janua-protect');
    await showing('fallback')({ canvasElement });
    await expect(isShown(canvasElement.querySelector('#granted'))).toBe(false);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };
