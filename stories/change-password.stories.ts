import { html } from 'lit';
import { enPassword } from '@janua/core';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/change-password/define.ts';
import { manifestArgs } from './support/args.ts';
import { DEMO_LOGIN, withClient } from './support/janua.ts';
import { accountClient, sectionRegion, withAccount } from './support/account.ts';
import { expectFieldError, expectRestoring, fill, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

/** The password section of `<janua-user-profile>` on its own. */
const meta: Meta<Args> = {
  title: 'Account/Change password',
  component: 'janua-change-password',
  parameters: {
    docs: { description: { component: `Signed in as **${DEMO_LOGIN.email}** (password \`${DEMO_LOGIN.password}\`) on the in-page server.` } },
  },
  loaders: [withAccount()],
  render: (args, { loaded }) => html`<janua-change-password .client=${accountClient(loaded)} ${manifestArgs(args)}></janua-change-password>`,
};
export default meta;

type Story = StoryObj<Args>;

const region = (root: HTMLElement) => sectionRegion(root, 'password');

/** The current password, a new one with its strength, and "sign out my other devices". */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(region(canvasElement).querySelector('fieldset:disabled')).toBeNull(), WAIT);
    expect(region(canvasElement).querySelector('input[name="current_password"]')).toBeTruthy();
  },
};

/** The current password was wrong: said under its field. */
export const WrongPassword: Story = {
  play: async ({ canvasElement }) => {
    const form = await waitFor(() => region(canvasElement).querySelector('form')!, WAIT);
    await waitFor(() => expect(form.querySelector('fieldset:disabled')).toBeNull(), WAIT);
    await fill(form, { current_password: 'not the password', new_password: 'A-new-password-2026' });
    await userEvent.click(form.querySelector('button[type="submit"]')!);
    await expectFieldError(canvasElement, 'current_password', 'not correct');
  },
};

/** A new password on the server's list of common ones: its WEAK_PASSWORD, said under the new password field. */
export const WeakNewPassword: Story = {
  play: async ({ canvasElement }) => {
    const form = await waitFor(() => region(canvasElement).querySelector('form')!, WAIT);
    await waitFor(() => expect(form.querySelector('fieldset:disabled')).toBeNull(), WAIT);
    await fill(form, { current_password: DEMO_LOGIN.password, new_password: 'password123' });
    await userEvent.click(form.querySelector('button[type="submit"]')!);
    await expectFieldError(canvasElement, 'new_password', enPassword['validation.password_breached']);
  },
};

/** Changed: the fields are cleared and "Saved." is said in the card's alert. */
export const Changed: Story = {
  play: async ({ canvasElement }) => {
    const form = await waitFor(() => region(canvasElement).querySelector('form')!, WAIT);
    await waitFor(() => expect(form.querySelector('fieldset:disabled')).toBeNull(), WAIT);
    await fill(form, { current_password: DEMO_LOGIN.password, new_password: 'A-new-password-2026' });
    await userEvent.click(form.querySelector('button[type="submit"]')!);
    await waitFor(() => expect(canvasElement.querySelector('janua-change-password')!.shadowRoot!.querySelector('janua-alert')!.message)
      .toBe('Saved.'), WAIT);
  },
};

/**
 * An account without a password (as a social or SSO sign-in leaves it), signed in just now: no
 * current password to type; "Set password" makes the new one its first, and from then on the form
 * asks for the current one.
 */
export const NoPasswordYet: Story = {
  loaders: [withAccount({ user: 'new', noPassword: 'recent' })],
  play: async ({ canvasElement }) => {
    const form = await waitFor(() => region(canvasElement).querySelector('form')!, WAIT);
    await waitFor(() => expect(form.querySelector('fieldset:disabled')).toBeNull(), WAIT);
    expect(form.querySelector('input[name="current_password"]')).toBeNull();
    await fill(form, { new_password: 'A-first-password-2026' });
    await userEvent.click(form.querySelector('button[type="submit"]')!);
    await waitFor(() => expect(region(canvasElement).querySelector('input[name="current_password"]')).toBeTruthy(), WAIT);
  },
};

/** The session is being restored: the card holds its loaded size, the form disabled. */
export const Loading: Story = {
  loaders: [withClient({ refreshTransport: 'cookie', latency: { paths: /\/auth\/refresh$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await expectRestoring(canvasElement, 'janua-change-password', '[data-janua-region="password"] fieldset:disabled');
  },
};

export const SignedOut: Story = {
  loaders: [withAccount({ user: 'none' })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('janua-change-password')!.shadowRoot!.textContent)
      .toContain('Sign in to manage your account.'), WAIT);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };
