import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { en, enAccount } from '@janua/core';
import '../components/verify-email/define.ts';
import { manifestArgs } from './support/args.ts';
import { accountClient, accountStory, NEW_ACCOUNT, withAccount } from './support/account.ts';
import { buttonNamed, clickButton } from './support/click.ts';
import { faultStory, type FaultStory } from './support/faults.ts';
import { DEMO_LOGIN, withClient } from './support/janua.ts';
import { alertsShown, expectRestoring, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

/** A new account (signed in) and the token of its welcome mail. */
async function withWelcomeLink() {
  const story = await accountStory({ user: 'new' });
  return { account: story, token: new URL(await story.link('verify-email')).searchParams.get('token') };
}

const meta: Meta<Args> = {
  title: 'Account/Verify email',
  component: 'janua-verify-email',
  args: { 'continue-url': '#account', 'sign-in-url': '#sign-in' },
  loaders: [withWelcomeLink],
  render: (args, { loaded }) => html`<janua-verify-email .client=${accountClient(loaded)}
    token=${(loaded['token'] as string | undefined) ?? ''} ${manifestArgs(args)}></janua-verify-email>`,
};
export default meta;

type Story = StoryObj<Args>;

/** The welcome mail's link: verified at once. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.textContent).toContain('Your email is verified.'), WAIT);
  },
};

/** An expired link, signed in: a new one is a click away. */
export const Expired: Story = {
  loaders: [async () => ({ ...(await withWelcomeLink()), token: 'expired-token' })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.textContent).toContain('This link is expired'), WAIT);
  },
};

/** Signed in as the demo user with the link mailed to a new account: this page cannot confirm it. */
export const OtherAccount: Story = {
  loaders: [async () => {
    const link = await withWelcomeLink();
    await link.account.client.signOut();
    await link.account.client.signIn(DEMO_LOGIN);
    return link;
  }],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.textContent).toContain(enAccount['account.otherAccount']), WAIT);
    await expect(canvasElement.textContent).not.toContain(enAccount['account.emailVerified']);
  },
};

/**
 * The check of the link gets a 503: the link may still be good, so the alert says what happened
 * and "Try again" sends it again.
 */
export const CheckFailed: Story = {
  loaders: [async () => {
    const faults = await faultStory({ outage: /\/auth\/email\/verify$/ });
    await faults.client.signUp(NEW_ACCOUNT);
    const link = faults.app.ctx.outbox.list(NEW_ACCOUNT.email).filter((m) => m.link?.includes('verify-email')).at(-1)!.link!;
    return { faults, token: new URL(link).searchParams.get('token') };
  }],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(alertsShown(canvasElement)).toEqual([en['error.SERVICE_UNAVAILABLE']]), WAIT);
    await buttonNamed(canvasElement, enAccount['account.retry']);
    await expect(canvasElement.textContent).not.toContain(enAccount['account.emailVerified']);
  },
};

/** The outage over, Try again checks the link: verified. */
export const CheckRetried: Story = {
  loaders: CheckFailed.loaders,
  play: async (context) => {
    await CheckFailed.play!(context);
    (context.loaded['faults'] as FaultStory).lift();
    await clickButton(context.canvasElement, enAccount['account.retry']);
    await waitFor(() => expect(context.canvasElement.textContent).toContain(enAccount['account.emailVerified']), WAIT);
    await expect(alertsShown(context.canvasElement)).toEqual([]);
  },
};

/** Signed out with a live link: this server confirms only the signed-in account's address, so sign in first. */
export const SignedOut: Story = {
  loaders: [async () => {
    const link = await withWelcomeLink();
    await link.account.client.signOut();
    return link;
  }],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.textContent).toContain('Sign in to confirm your email address.'), WAIT);
  },
};

/** Signed out with a dead link: said at once, since signing in would not help. */
export const SignedOutExpired: Story = {
  loaders: [async () => ({ ...(await withAccount({ user: 'none' })()), token: 'a-dead-token' })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.textContent).toContain('This link is expired or was already used.'), WAIT);
  },
};

/** No link yet: where to look, and a new link. */
export const CheckInbox: Story = {
  loaders: [async () => ({ ...(await withWelcomeLink()), token: '' })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.textContent).toContain('Open the link we sent'), WAIT);
  },
};

/** The session is being restored: a placeholder of the loaded size (a status line and a button). */
export const Loading: Story = {
  loaders: [withClient({ refreshTransport: 'cookie', latency: { paths: /\/auth\/refresh$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await expectRestoring(canvasElement, 'janua-verify-email');
    expect(canvasElement.querySelectorAll('.janua-skeleton')).toHaveLength(2);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };
