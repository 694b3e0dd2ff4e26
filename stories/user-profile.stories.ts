import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/user-profile/define.ts';
import { manifestArgs } from './support/args.ts';
import { DEMO_LOGIN, withClient } from './support/janua.ts';
import { accountClient, sectionRegion, withAccount } from './support/account.ts';
import { expectFieldError, expectRestoring, fill, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

const meta: Meta<Args> = {
  title: 'Account/User profile',
  component: 'janua-user-profile',
  parameters: {
    docs: { description: { component: `Signed in as **${DEMO_LOGIN.email}** (password \`${DEMO_LOGIN.password}\`) on the in-page server.` } },
  },
  loaders: [withAccount({ passkeys: ['MacBook Touch ID'] })],
  render: (args, { loaded }) => html`<janua-user-profile .client=${accountClient(loaded)} ${manifestArgs(args)}></janua-user-profile>`,
};
export default meta;

type Story = StoryObj<Args>;

const region = sectionRegion;
const ready = (root: HTMLElement) => waitFor(() => {
  expect(root.querySelector('janua-session-list .janua-item-title')).toBeTruthy();
  expect(root.querySelector('.janua-skeleton')).toBeNull();
}, WAIT);

/** Every section; this device named from its browser's user agent (Chrome on a Mac). */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await ready(canvasElement);
    await expect(canvasElement.querySelector('janua-session-list .janua-item')!.textContent!.replace(/\s+/g, ' '))
      .toMatch(/^ ?Computer ?This device Chrome 131, macOS/);
  },
};

/** A new account: the email is not verified yet. */
export const Unverified: Story = {
  loaders: [withAccount({ user: 'new' })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(region(canvasElement, 'email').textContent).toContain('Not verified'), WAIT);
  },
};

/** Only some sections: `sections="password two-factor"`. */
export const SomeSections: Story = {
  args: { sections: 'password two-factor' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('janua-mfa-setup .janua-item')).toBeTruthy(), WAIT);
    await expect(region(canvasElement, 'password').childElementCount).toBeGreaterThan(0);
    // Each section keeps its (empty) region in the light DOM; the ones not asked for render nothing.
    for (const name of ['profile', 'email', 'danger']) {
      await expect(region(canvasElement, name)?.childElementCount ?? 0, `no ${name} section`).toBe(0);
    }
    await expect(canvasElement.querySelector('janua-session-list')).toBeNull();
  },
};

/** The current password was wrong: said under its field. */
export const WrongPassword: Story = {
  args: { sections: 'password' },
  play: async ({ canvasElement }) => {
    const form = await waitFor(() => region(canvasElement, 'password').querySelector('form')!, WAIT);
    await fill(form, { current_password: 'not the password', new_password: 'A-new-password-2026' });
    await userEvent.click(form.querySelector('button[type="submit"]')!);
    await expectFieldError(canvasElement, 'current_password', 'not correct');
  },
};

/** Deleting the account asks for the password. */
export const ConfirmDelete: Story = {
  args: { sections: 'danger' },
  play: async ({ canvasElement }) => {
    const danger = await waitFor(() => region(canvasElement, 'danger').querySelector<HTMLButtonElement>('[data-variant="danger"]')!, WAIT);
    await userEvent.click(danger);
    await waitFor(() => expect(region(canvasElement, 'danger').querySelector('input[name="password"]')).toHaveFocus(), WAIT);
  },
};

/** The session is being restored: every section holds its loaded size. */
export const Loading: Story = {
  loaders: [withClient({ refreshTransport: 'cookie', latency: { paths: /\/auth\/refresh$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await expectRestoring(canvasElement, 'janua-user-profile');
  },
};

export const SignedOut: Story = {
  loaders: [withAccount({ user: 'none' })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('janua-user-profile')!.shadowRoot!.textContent)
      .toContain('Sign in to manage your account.'), WAIT);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };
