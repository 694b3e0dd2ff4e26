import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { account, en, enAccount } from '@janua/core';
import '../components/reset-password/define.ts';
import { manifestArgs } from './support/args.ts';
import { accountStory, type AccountStory } from './support/account.ts';
import { alertsShown, expectFieldError, fill, submit, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

/** A real reset link for the demo account, mailed by the in-page server; the page is signed out. */
async function withResetLink() {
  const story = await accountStory({ user: 'none' });
  await account(story.client).requestPasswordReset({ email: 'demo@janua.dev' });
  const res = await story.app.fetch(new Request('http://janua.storybook/api/v1/dev/outbox?to=demo%40janua.dev'));
  const link = ((await res.json()) as { link?: string }[]).reverse().find((m) => m.link?.includes('reset-password'))!.link!;
  return { account: story, token: new URL(link).searchParams.get('token') };
}

const meta: Meta<Args> = {
  title: 'Account/Reset password',
  component: 'janua-reset-password',
  args: { 'sign-in-url': '#sign-in', 'forgot-password-url': '#forgot-password' },
  loaders: [withResetLink],
  render: (args, { loaded }) => html`<janua-reset-password .client=${(loaded['account'] as AccountStory).client}
    token=${(loaded['token'] as string | null) ?? ''} ${manifestArgs(args)}></janua-reset-password>`,
};
export default meta;

type Story = StoryObj<Args>;

/** The page the reset email opens: a new password, the sign-up rules and strength. */
export const Default: Story = {};

/** Well formed, but the account's own email: refused by the server, said under the field. */
export const WeakPassword: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { new_password: 'demo@janua.dev' });
    await submit(canvasElement);
    await expectFieldError(canvasElement, 'new_password', 'email address');
  },
};

export const Done: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { new_password: 'Brand-new-password-2026' });
    await submit(canvasElement);
    await waitFor(() => expect(canvasElement.textContent).toContain('Password changed.'), WAIT);
  },
};

/** No token (a reload, once the page took it out of the address): a way to get a new link. */
export const Expired: Story = {
  loaders: [async () => ({ ...(await withResetLink()), token: null })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.textContent).toContain('This link is expired'), WAIT);
  },
};

/**
 * A link already used (the password was reset with it in another tab): the page cannot tell until
 * the server refuses the new password. The alert says why, and the form gives way to a new link.
 */
export const UsedLink: Story = {
  loaders: [async () => {
    const link = await withResetLink();
    await account(link.account.client).resetPassword({ token: link.token!, newPassword: 'Set-in-another-tab-2026' });
    return link;
  }],
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { new_password: 'Brand-new-password-2026' });
    await submit(canvasElement);
    await waitFor(() => {
      expect(alertsShown(canvasElement)).toEqual([en['error.INVALID_TOKEN']]);
      expect(canvasElement.querySelector('form')).toBeNull();
    }, WAIT);
    await expect(canvasElement.textContent).toContain(enAccount['account.expired']);
    await expect(canvasElement.querySelector('janua-reset-password a[href="#forgot-password"]')).toHaveTextContent(enAccount['account.newLink']);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' } };
