import { html } from 'lit';
import { en, enAccount } from '@janua/core';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/danger-zone/define.ts';
import { manifestArgs } from './support/args.ts';
import { DEMO_LOGIN, withClient } from './support/janua.ts';
import { accountClient, NEW_ACCOUNT, sectionRegion, withAccount } from './support/account.ts';
import { faultStory } from './support/faults.ts';
import { alertsShown, expectFieldError, expectRestoring, fill, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

/** The danger zone of `<janua-user-profile>` on its own: download my data, delete the account. */
const meta: Meta<Args> = {
  title: 'Account/Danger zone',
  component: 'janua-danger-zone',
  parameters: {
    docs: { description: { component: `Signed in as **${DEMO_LOGIN.email}** (password \`${DEMO_LOGIN.password}\`) on the in-page server.` } },
  },
  loaders: [withAccount()],
  render: (args, { loaded }) => html`<janua-danger-zone .client=${accountClient(loaded)} ${manifestArgs(args)}></janua-danger-zone>`,
};
export default meta;

type Story = StoryObj<Args>;

const region = (root: HTMLElement) => sectionRegion(root, 'danger');

/** Download my data, delete the account. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(region(canvasElement).querySelector('button:disabled')).toBeNull(), WAIT);
    expect(region(canvasElement).querySelectorAll('button')).toHaveLength(2);
  },
};

/** Deleting the account asks for the password. */
export const ConfirmDelete: Story = {
  play: async ({ canvasElement }) => {
    const danger = await waitFor(() => region(canvasElement).querySelector<HTMLButtonElement>('[data-variant="danger"]:enabled')!, WAIT);
    await userEvent.click(danger);
    await waitFor(() => expect(region(canvasElement).querySelector('input[name="password"]')).toHaveFocus(), WAIT);
  },
};

/** A new account (the demo user owns an organization, which needs an owner) deleted after its password: the card says so. */
export const Deleted: Story = {
  loaders: [withAccount({ user: 'new' })],
  play: async (context) => {
    await ConfirmDelete.play!(context);
    const form = region(context.canvasElement).querySelector('form')!;
    await fill(form, { password: NEW_ACCOUNT.password });
    await userEvent.click(form.querySelector('button[type="submit"]')!);
    await waitFor(() => expect(context.canvasElement.querySelector('janua-danger-zone')!.shadowRoot!.textContent)
      .toContain('Your account was deleted.'), WAIT);
  },
};

/** The wrong password: said under its field, and the account stays. */
export const WrongPassword: Story = {
  play: async (context) => {
    await ConfirmDelete.play!(context);
    const form = region(context.canvasElement).querySelector('form')!;
    await fill(form, { password: 'not the password' });
    await userEvent.click(form.querySelector('button[type="submit"]')!);
    await expectFieldError(context.canvasElement, 'password', 'not correct');
    await expect(accountClient(context.loaded).getSnapshot().status).toBe('signed-in');
  },
};

/**
 * The demo user is the only owner of an organization with other members: the server keeps the
 * account (400 LAST_OWNER), and the alert says to make someone else an owner first.
 */
export const LastOwner: Story = {
  play: async (context) => {
    await ConfirmDelete.play!(context);
    const form = region(context.canvasElement).querySelector('form')!;
    await fill(form, { password: DEMO_LOGIN.password });
    await userEvent.click(form.querySelector('button[type="submit"]')!);
    await waitFor(() => expect(alertsShown(context.canvasElement)).toEqual([en['error.LAST_OWNER']]), WAIT);
    await expect(accountClient(context.loaded).getSnapshot().status).toBe('signed-in');
  },
};

/**
 * An account without a password (as a social or SSO sign-in leaves it) signed in over ten minutes
 * ago: the confirmation asks for no password, and the server wants a new sign-in, which the alert says.
 */
export const SignInAgain: Story = {
  loaders: [withAccount({ user: 'new', noPassword: 'stale' })],
  play: async ({ canvasElement }) => {
    const danger = await waitFor(() => region(canvasElement).querySelector<HTMLButtonElement>('[data-variant="danger"]:enabled')!, WAIT);
    await userEvent.click(danger);
    const form = await waitFor(() => region(canvasElement).querySelector('form')!, WAIT);
    expect(form.querySelector('input[type="password"]')).toBeNull();
    await userEvent.click(form.querySelector('button[type="submit"]')!);
    await waitFor(() => expect(canvasElement.querySelector('janua-danger-zone')!.shadowRoot!.querySelector('janua-alert')!.message)
      .toBe(enAccount['error.FORBIDDEN.reauthentication_required']), WAIT);
  },
};

/** A server without the export (ext) answers 404: the download button goes, and the card says why. */
export const ExportUnavailable: Story = {
  loaders: [async () => {
    const { client } = await faultStory({ missing: /\/users\/me\/export$/ });
    await client.signIn(DEMO_LOGIN);
    return { client };
  }],
  play: async ({ canvasElement }) => {
    const download = await waitFor(() => region(canvasElement).querySelector<HTMLButtonElement>('[data-variant="secondary"]:enabled')!, WAIT);
    await userEvent.click(download);
    await waitFor(() => {
      expect(canvasElement.querySelector('janua-danger-zone')!.shadowRoot!.querySelector('janua-alert')!.message).toBe(enAccount['account.exportUnavailable']);
      expect(region(canvasElement).querySelectorAll('button')).toHaveLength(1);
    }, WAIT);
  },
};

/** The session is being restored: the card holds its loaded size, its buttons disabled. */
export const Loading: Story = {
  loaders: [withClient({ refreshTransport: 'cookie', latency: { paths: /\/auth\/refresh$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await expectRestoring(canvasElement, 'janua-danger-zone', '[data-janua-region="danger"] button:disabled');
  },
};

export const SignedOut: Story = {
  loaders: [withAccount({ user: 'none' })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('janua-danger-zone')!.shadowRoot!.textContent)
      .toContain('Sign in to manage your account.'), WAIT);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };
