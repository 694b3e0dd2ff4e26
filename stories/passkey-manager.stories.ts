import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { en, enAccount } from '@janua/core';
import '../components/passkey-manager/define.ts';
import { manifestArgs } from './support/args.ts';
import { queryDeep } from './support/dom.ts';
import { withClient } from './support/janua.ts';
import { accountClient, withAccount } from './support/account.ts';
import { withFaults } from './support/faults.ts';
import { expectLoadFailed, expectRestoring, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

const meta: Meta<Args> = {
  title: 'Account/Passkey manager',
  component: 'janua-passkey-manager',
  loaders: [withAccount({ passkeys: ['MacBook Touch ID', 'Pixel phone'] })],
  render: (args, { loaded }) => html`<janua-passkey-manager .client=${accountClient(loaded)} ${manifestArgs(args)}></janua-passkey-manager>`,
};
export default meta;

type Story = StoryObj<Args>;

const rows = (root: HTMLElement) => root.querySelectorAll('.janua-item');

/** Two passkeys: name, created, last used. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(rows(canvasElement)).toHaveLength(2), WAIT);
  },
};

export const Empty: Story = {
  loaders: [withAccount()],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.textContent).toContain('No passkeys yet.'), WAIT);
  },
};

/** Renaming in place: the field takes focus. */
export const Renaming: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(rows(canvasElement)).toHaveLength(2), WAIT);
    await userEvent.click(canvasElement.querySelector<HTMLButtonElement>('.janua-item button')!);
    await waitFor(() => expect(canvasElement.querySelector('input[name="name"]')).toHaveFocus(), WAIT);
  },
};

/** Deleting asks first, naming the passkey. */
export const ConfirmDelete: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(rows(canvasElement)).toHaveLength(2), WAIT);
    await userEvent.click(canvasElement.querySelectorAll<HTMLButtonElement>('.janua-item button')[1]!);
    await waitFor(() => expect(canvasElement.textContent).toContain('Delete MacBook Touch ID?'), WAIT);
  },
};

/** A browser without WebAuthn: said plainly; the list still works. */
export const Unsupported: Story = {
  beforeEach: () => {
    const descriptor = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential');
    Object.defineProperty(window, 'PublicKeyCredential', { configurable: true, value: undefined });
    return () => {
      if (descriptor) Object.defineProperty(window, 'PublicKeyCredential', descriptor);
    };
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.textContent).toContain('This browser cannot create passkeys.'), WAIT);
  },
};

/** The list's first load gets a 503: the card says something went wrong, and offers Try again. */
export const LoadFailed: Story = {
  loaders: [withFaults({ user: 'demo', outage: /\/passkeys\/$/ })],
  play: async ({ canvasElement }) => {
    await expectLoadFailed(canvasElement);
    await expect(rows(canvasElement)).toHaveLength(0);
    await expect(canvasElement.textContent).not.toContain('No passkeys yet.');
  },
};

export const Loading: Story = {
  loaders: [withClient({ refreshTransport: 'cookie', latency: { paths: /\/auth\/refresh$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await expectRestoring(canvasElement, 'janua-passkey-manager');
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };

/**
 * "Add a passkey", and the browser's dialog dismissed. Storybook's browser shows no such dialog,
 * so the page plays that part: `navigator.credentials.create` refuses as a dismissed dialog does
 * (NotAllowedError). Put back after the story. The card says the request was cancelled; the list stays.
 */
export const AddCancelled: Story = {
  beforeEach: () => {
    const credentials = navigator.credentials;
    const own = Object.getOwnPropertyDescriptor(credentials, 'create');
    Object.defineProperty(credentials, 'create', {
      configurable: true,
      value: () => Promise.reject(new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError')),
    });
    return () => {
      if (own) Object.defineProperty(credentials, 'create', own);
      else delete (credentials as { create?: unknown }).create;
    };
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(rows(canvasElement)).toHaveLength(2), WAIT);
    const add = [...canvasElement.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === enAccount['account.addPasskey'])!;
    await waitFor(() => expect(add).toBeEnabled(), WAIT);
    await userEvent.click(add);
    await waitFor(() => expect(queryDeep(canvasElement, '[part="base"][role="status"]')).toHaveTextContent(en['error.PASSKEY_CANCELLED']), WAIT);
    await expect(rows(canvasElement)).toHaveLength(2);
    await expect(canvasElement.querySelector('input[name="name"]')).toBeNull();
  },
};

/** Nobody is signed in: the card asks to sign in, and offers nothing to manage. */
export const SignedOut: Story = {
  loaders: [withAccount({ user: 'none' })],
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('janua-passkey-manager')!;
    await waitFor(() => expect(el.textContent).toContain(enAccount['account.signInFirst']), WAIT);
    await expect(rows(canvasElement)).toHaveLength(0);
    await expect(el.querySelectorAll('button')).toHaveLength(0);
  },
};
