import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/session-list/define.ts';
import { manifestArgs } from './support/args.ts';
import { withClient } from './support/janua.ts';
import { accountClient, withAccount } from './support/account.ts';
import { expectRestoring, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

const meta: Meta<Args> = {
  title: 'Account/Session list',
  component: 'janua-session-list',
  loaders: [withAccount({ otherDevice: true })],
  render: (args, { loaded }) => html`<janua-session-list .client=${accountClient(loaded)} ${manifestArgs(args)}></janua-session-list>`,
};
export default meta;

type Story = StoryObj<Args>;

const rows = (root: HTMLElement) => root.querySelectorAll('.janua-item');

/** This device, first, and another one. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(rows(canvasElement)).toHaveLength(2), WAIT);
  },
};

export const OnlyThisDevice: Story = {
  loaders: [withAccount()],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(rows(canvasElement)).toHaveLength(1), WAIT);
  },
};

/** The other device signed out: its next request fails. */
export const Revoked: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(rows(canvasElement)).toHaveLength(2), WAIT);
    await userEvent.click(canvasElement.querySelector<HTMLButtonElement>('.janua-item button')!);
    await waitFor(() => expect(rows(canvasElement)).toHaveLength(1), WAIT);
  },
};

export const Loading: Story = {
  loaders: [withClient({ refreshTransport: 'cookie', latency: { paths: /\/auth\/refresh$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await expectRestoring(canvasElement, 'janua-session-list');
  },
};

export const SignedOut: Story = {
  loaders: [withAccount({ user: 'none' })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.textContent).toContain('Sign in to manage your account.'), WAIT);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };
