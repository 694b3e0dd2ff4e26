import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { en, enAccount } from '@janua/core';
import '../components/session-list/define.ts';
import { manifestArgs } from './support/args.ts';
import { clickButton } from './support/click.ts';
import { withClient } from './support/janua.ts';
import { accountClient, withAccount } from './support/account.ts';
import { withFaults, type FaultStory } from './support/faults.ts';
import { alertsShown, expectLoadFailed, expectRestoring, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

const meta: Meta<Args> = {
  title: 'Account/Session list',
  component: 'janua-session-list',
  loaders: [withAccount({ otherDevices: 1 })],
  render: (args, { loaded }) => html`<janua-session-list .client=${accountClient(loaded)} ${manifestArgs(args)}></janua-session-list>`,
};
export default meta;

type Story = StoryObj<Args>;

const rows = (root: HTMLElement) => root.querySelectorAll('.janua-item');
/** Each row as read: the device (and "This device"), then browser and system, without the time. */
const devices = (root: HTMLElement) => [...rows(root)].map((row) => row.textContent!.replace(/\s+/g, ' ').replace(/ · active .*$/, '').trim());

/** This device (Chrome on a Mac), first, and an iPhone: each named from its browser's user agent. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(devices(canvasElement)).toEqual([
      expect.stringMatching(/^Computer ?This device Chrome 131, macOS/),
      expect.stringMatching(/^iPhone ?Safari 17, iOS 17\.5/),
    ]), WAIT);
    await expect(canvasElement.textContent).not.toContain(enAccount['account.unknownDevice']);
  },
};

export const OnlyThisDevice: Story = {
  loaders: [withAccount()],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(rows(canvasElement)).toHaveLength(1), WAIT);
  },
};

/** The iPhone signed out: its next request fails, and its row goes. */
export const Revoked: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(rows(canvasElement)).toHaveLength(2), WAIT);
    await userEvent.click(canvasElement.querySelector<HTMLButtonElement>('.janua-item button')!);
    await waitFor(() => expect(devices(canvasElement)).toEqual([expect.stringMatching(/^Computer ?This device Chrome/)]), WAIT);
  },
};

/** Two other devices (an iPhone and a Windows computer) signed out at once: the card says how many. */
export const SignedOutOthers: Story = {
  loaders: [withAccount({ otherDevices: 2 })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(rows(canvasElement)).toHaveLength(3), WAIT);
    await clickButton(canvasElement, enAccount['account.signOutOthers']);
    await waitFor(() => {
      expect(rows(canvasElement)).toHaveLength(1);
      expect(alertsShown(canvasElement)).toEqual([enAccount['account.signedOutDevices'].replace('{count}', '2')]);
    }, WAIT);
  },
};

/** The list's first load gets a 503: the card says something went wrong, and offers Try again. */
export const LoadFailed: Story = {
  loaders: [withFaults({ user: 'demo', outage: /\/sessions\/$/ })],
  play: async ({ canvasElement }) => {
    await expectLoadFailed(canvasElement);
    await expect(rows(canvasElement)).toHaveLength(0);
  },
};

/** The outage over, Try again loads the list. */
export const LoadRetried: Story = {
  loaders: LoadFailed.loaders,
  play: async (context) => {
    await LoadFailed.play!(context);
    (context.loaded['faults'] as FaultStory).lift();
    await clickButton(context.canvasElement, enAccount['account.retry']);
    await waitFor(() => expect(rows(context.canvasElement)).toHaveLength(1), WAIT);
    await expect(context.canvasElement.textContent).not.toContain(en['error.generic']);
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
