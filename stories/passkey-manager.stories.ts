import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { JanuaClient } from '@janua/core';
import '../components/passkey-manager/define.ts';
import { manifestArgs } from './support/args.ts';
import { withClient } from './support/janua.ts';
import { withAccount, type AccountStory } from './support/account.ts';
import { expectRestoring, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

const meta: Meta<Args> = {
  title: 'Account/Passkey manager',
  component: 'janua-passkey-manager',
  loaders: [withAccount({ passkeys: ['MacBook Touch ID', 'Pixel phone'] })],
  render: (args, { loaded }) => html`<janua-passkey-manager .client=${loaded['client'] as JanuaClient | undefined
    ?? (loaded['account'] as AccountStory).client} ${manifestArgs(args)}></janua-passkey-manager>`,
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

export const Loading: Story = {
  loaders: [withClient({ refreshTransport: 'cookie', latency: { paths: /\/auth\/refresh$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await expectRestoring(canvasElement, 'janua-passkey-manager');
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };
