import { html } from 'lit';
import { account } from '@janua/core';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/email-settings/define.ts';
import { manifestArgs } from './support/args.ts';
import { DEMO_LOGIN, withClient } from './support/janua.ts';
import { accountClient, accountStory, sectionRegion, withAccount } from './support/account.ts';
import { expectRestoring, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

/** The email section of `<janua-user-profile>` on its own: the address, verified or not, and a new link. */
const meta: Meta<Args> = {
  title: 'Account/Email settings',
  component: 'janua-email-settings',
  parameters: {
    docs: { description: { component: `Signed in as **${DEMO_LOGIN.email}** (password \`${DEMO_LOGIN.password}\`) on the in-page server.` } },
  },
  loaders: [withAccount()],
  render: (args, { loaded }) => html`<janua-email-settings .client=${accountClient(loaded)} ${manifestArgs(args)}></janua-email-settings>`,
};
export default meta;

type Story = StoryObj<Args>;

const region = (root: HTMLElement) => sectionRegion(root, 'email');

/** The demo user's address, verified. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(region(canvasElement).textContent).toContain('Verified'), WAIT);
  },
};

/** A new account: the address is not verified yet, and a new link can be mailed. */
export const Unverified: Story = {
  loaders: [withAccount({ user: 'new' })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(region(canvasElement).textContent).toContain('Not verified'), WAIT);
  },
};

/** A new link was mailed: said in the card's alert. */
export const LinkSent: Story = {
  loaders: [withAccount({ user: 'new' })],
  play: async ({ canvasElement }) => {
    const resend = await waitFor(() => region(canvasElement).querySelector('button')!, WAIT);
    await userEvent.click(resend);
    await waitFor(() => expect(canvasElement.querySelector('janua-email-settings')!.shadowRoot!.querySelector('janua-alert')!.shadowRoot!.textContent)
      .toContain('Link sent'), WAIT);
  },
};

/**
 * The server's limit on new links (three in 15 minutes) is spent before the story: its 429 is said
 * in the card's alert, with the wait it asks for.
 */
export const ResendFailed: Story = {
  loaders: [async () => {
    const story = await accountStory({ user: 'new' });
    for (let i = 0; i < 3; i++) await account(story.client).resendVerification();
    return { account: story };
  }],
  play: async ({ canvasElement }) => {
    const resend = await waitFor(() => region(canvasElement).querySelector('button')!, WAIT);
    await userEvent.click(resend);
    await waitFor(() => expect(canvasElement.querySelector('janua-email-settings')!.shadowRoot!.querySelector('janua-alert')!.message)
      .toMatch(/^Too many attempts\. Try again in \d+ seconds\.$/), WAIT);
  },
};

/** The session is being restored: the card holds its loaded size, a placeholder row. */
export const Loading: Story = {
  loaders: [withClient({ refreshTransport: 'cookie', latency: { paths: /\/auth\/refresh$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await expectRestoring(canvasElement, 'janua-email-settings');
  },
};

export const SignedOut: Story = {
  loaders: [withAccount({ user: 'none' })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('janua-email-settings')!.shadowRoot!.textContent)
      .toContain('Sign in to manage your account.'), WAIT);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };
