import { html } from 'lit';
import { en } from '@janua/core';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/profile-details/define.ts';
import { manifestArgs } from './support/args.ts';
import { DEMO_LOGIN, withClient } from './support/janua.ts';
import { accountClient, sectionRegion, withAccount } from './support/account.ts';
import { expectFieldError, expectRestoring, fill, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

/** The profile section of `<janua-user-profile>` on its own: names, username, picture. */
const meta: Meta<Args> = {
  title: 'Account/Profile details',
  component: 'janua-profile-details',
  parameters: {
    docs: { description: { component: `Signed in as **${DEMO_LOGIN.email}** (password \`${DEMO_LOGIN.password}\`) on the in-page server.` } },
  },
  loaders: [withAccount()],
  render: (args, { loaded }) => html`<janua-profile-details .client=${accountClient(loaded)} ${manifestArgs(args)}></janua-profile-details>`,
};
export default meta;

type Story = StoryObj<Args>;

const region = (root: HTMLElement) => sectionRegion(root, 'profile');

/** The signed-in user's names, username and picture URL, ready to edit. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(region(canvasElement).querySelector<HTMLInputElement>('input[name="first_name"]')!.value).not.toBe(''), WAIT);
  },
};

/** Saved: said in the card's alert, and the page hears `janua-profile-updated`. */
export const Saved: Story = {
  play: async ({ canvasElement }) => {
    const form = await waitFor(() => region(canvasElement).querySelector('form')!, WAIT);
    await waitFor(() => expect(form.querySelector('fieldset:disabled')).toBeNull(), WAIT);
    await fill(form, { first_name: 'Grace' });
    await userEvent.click(form.querySelector('button[type="submit"]')!);
    await waitFor(() => expect(canvasElement.querySelector('janua-profile-details')!.shadowRoot!.querySelector('janua-alert')!.shadowRoot!.textContent)
      .toContain('Saved'), WAIT);
  },
};

/** Fills the form, once enabled, with `values` and saves. */
const save = async (root: HTMLElement, values: Record<string, string>) => {
  const form = await waitFor(() => region(root).querySelector('form')!, WAIT);
  await waitFor(() => expect(form.querySelector('fieldset:disabled')).toBeNull(), WAIT);
  await fill(form, values);
  await userEvent.click(form.querySelector('button[type="submit"]')!);
};

/** A username another account has (the seeded `ada`): the server's USERNAME_TAKEN, said under its field. */
export const UsernameTaken: Story = {
  play: async ({ canvasElement }) => {
    await save(canvasElement, { username: 'ada' });
    await expectFieldError(canvasElement, 'username', en['validation.taken.username']);
  },
};

/**
 * A picture address that is no web address: the server's field error under the field. (A server
 * without the picture field, as the contract's PATCH, gets "This server does not store pictures."
 * there instead: `tests/unit/user-profile.test.ts`.)
 */
export const PictureRefused: Story = {
  play: async ({ canvasElement }) => {
    await save(canvasElement, { profile_image_url: 'javascript:alert(1)' });
    await expectFieldError(canvasElement, 'profile_image_url', en['validation.format']);
  },
};

/** The session is being restored: the card holds its loaded size, the form disabled. */
export const Loading: Story = {
  loaders: [withClient({ refreshTransport: 'cookie', latency: { paths: /\/auth\/refresh$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await expectRestoring(canvasElement, 'janua-profile-details', '[data-janua-region="profile"] fieldset:disabled');
  },
};

export const SignedOut: Story = {
  loaders: [withAccount({ user: 'none' })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('janua-profile-details')!.shadowRoot!.textContent)
      .toContain('Sign in to manage your account.'), WAIT);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };
