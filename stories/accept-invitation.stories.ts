import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { enOrg } from '@janua/core';
import '../components/accept-invitation/define.ts';
import { manifestArgs } from './support/args.ts';
import { focusedDeep, queryAllDeep, queryDeep } from './support/dom.ts';
import { withOrgs, type OrgWorld } from './support/orgs.ts';
import { expectHeld, fill, submit, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

const meta: Meta<Args> = {
  title: 'Organizations/Accept invitation',
  component: 'janua-accept-invitation',
  parameters: {
    docs: {
      description: {
        component: `The page an invitation email links to. Olga, who owns Acme, invited someone; each story is one
state of that invitation and of the visitor.`,
      },
    },
  },
  args: { 'continue-url': '#app' },
  // A new address, signed out: the invitation heads the sign-up form.
  loaders: [withOrgs({ invite: { email: 'newcomer@example.com', role: 'member' }, signedOut: true })],
  render: (args, { loaded }) => {
    const world = loaded['world'] as OrgWorld;
    return html`<janua-accept-invitation .token=${world.token} .client=${world.client} ${manifestArgs(args)}></janua-accept-invitation>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

const says = (text: string) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  await waitFor(() => expect(canvasElement.querySelector('janua-accept-invitation')!.shadowRoot!.textContent
    + canvasElement.querySelector('janua-accept-invitation')!.textContent).toContain(text), WAIT);
};

export const Default: Story = { play: says('newcomer@example.com is invited as a member.') };

/** Signed in as the invited address: one button accepts. */
export const SignedIn: Story = {
  loaders: [withOrgs({ invite: { email: 'sam', role: 'admin' } })],
  play: says('Accept invitation'),
};

/** Accepted: the organization is active, the card says so. */
export const Joined: Story = {
  loaders: [withOrgs({ invite: { email: 'sam', role: 'admin' } })],
  play: async ({ canvasElement }) => {
    await says('Accept invitation')({ canvasElement });
    canvasElement.querySelector<HTMLButtonElement>('janua-accept-invitation button[type="submit"]')!.click();
    await waitFor(() => expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent('You joined Acme'), WAIT);
  },
};

/** Signed in as someone else. */
export const OtherUser: Story = {
  loaders: [withOrgs({ invite: { email: 'someone.else@example.com', role: 'viewer' } })],
  play: says('This invitation is for someone.else@example.com'),
};

export const Expired: Story = {
  loaders: [withOrgs({ invite: { email: 'sam', role: 'member', state: 'expired' } })],
  play: says('This invitation to Acme has expired.'),
};

export const Revoked: Story = {
  loaders: [withOrgs({ invite: { email: 'sam', role: 'member', state: 'revoked' } })],
  play: says('This invitation to Acme was withdrawn.'),
};

export const AlreadyUsed: Story = {
  loaders: [withOrgs({ invite: { email: 'sam', role: 'member', state: 'accepted' } })],
  play: says('This invitation to Acme has already been used.'),
};

export const InvalidLink: Story = {
  loaders: [withOrgs({ signedOut: true })],
  play: says('This invitation link is not valid.'),
};

/** The check is held on its way. */
export const Loading: Story = {
  loaders: [withOrgs({ invite: { email: 'sam', role: 'member' }, hold: /\/invitations\/validate\// })],
  play: async ({ canvasElement }) => {
    await expectHeld(canvasElement, /\/invitations\/validate\//, () => {
      expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent('Checking your invitation…');
      // The failed check has the same heading, with "Try again".
      expect(queryAllDeep(canvasElement, '[part="retry-button"]')).toEqual([]);
    });
  },
};

/** The server is down: say so, offer to try again. */
export const LoadError: Story = {
  loaders: [withOrgs({ invite: { email: 'sam', role: 'member' }, outage: /\/invitations\/validate\// })],
  play: says('The service is busy.'),
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };

export const DarkThemeSignedIn: Story = { globals: { theme: 'dark' }, loaders: SignedIn.loaders, play: SignedIn.play };

/**
 * "Already have an account? Sign in" under the sign-up form: the invitation now heads the
 * sign-in form, which takes focus, and the footer offers to sign up instead.
 */
export const SwitchedToSignIn: Story = {
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('janua-accept-invitation')!;
    const signUp = await waitFor(() => {
      const button = el.querySelector<HTMLButtonElement>('janua-sign-up .janua-invite-switch button');
      if (!button) throw new Error('no sign-up form with its footer yet');
      return button;
    }, WAIT);
    await expect(signUp.parentElement).toHaveTextContent(enOrg['org.haveAccount']);
    await userEvent.click(signUp);
    await waitFor(() => expect(el.querySelector('janua-sign-in')?.contains(document.activeElement), 'focus in the sign-in form').toBe(true), WAIT);
    await expect(el.querySelector('janua-sign-up')).toBeNull();
    await expect(el.querySelector('janua-sign-in .janua-invite-heading')).toHaveTextContent('Join Acme');
    await expect(el.querySelector('janua-sign-in .janua-invite-switch')).toHaveTextContent(enOrg['org.newHere']);
    await expect(el.querySelector('janua-sign-in input[autocomplete="current-password"]')).not.toBeNull();
  },
};

/**
 * Signed out, the newcomer creates an account in the sign-up form the invitation heads: signed
 * in as the invited address, the invitation is accepted at once, with no second click. The card
 * says "You joined Acme", focused, with the role and the Continue link; Acme is active.
 */
export const SignedUpAndJoined: Story = {
  play: async ({ canvasElement, loaded }) => {
    const el = canvasElement.querySelector('janua-accept-invitation')!;
    await waitFor(() => expect(el.querySelector('janua-sign-up .janua-invite-heading')).toHaveTextContent('Join Acme'), WAIT);
    await fill(canvasElement, { first_name: 'Nina', last_name: 'Newcomer', email: 'newcomer@example.com', password: 'Joining-Acme-2026' });
    await submit(canvasElement);
    const heading = await waitFor(() => {
      const found = queryDeep(canvasElement, '[part="heading"]');
      expect(found).toHaveTextContent('You joined Acme');
      return found;
    }, WAIT);
    await expect(queryDeep(canvasElement, '[part="subtitle"]')).toHaveTextContent('Your role: Member');
    await expect(queryDeep(canvasElement, 'a[part="continue-link"]')).toHaveTextContent(enOrg['org.continue']);
    await waitFor(() => expect(focusedDeep()).toBe(heading), WAIT);
    await expect(el.querySelector('janua-sign-up')).toBeNull();
    const { client } = loaded['world'] as OrgWorld;
    await waitFor(() => expect(client.getSnapshot().activeOrganization?.name).toBe('Acme'), WAIT);
    await expect(client.getSnapshot().user?.email).toBe('newcomer@example.com');
  },
};
