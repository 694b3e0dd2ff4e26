import { expect, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { JanuaClient } from '@janua/core';
import '../components/signed-out/define.ts';
import { DEMO_LOGIN, withClient } from './support/janua.ts';
import { authPage, isShown } from './support/page.ts';
import { expectRestoring, WAIT } from './support/play.ts';

const meta: Meta = {
  title: 'Elements/Signed out',
  component: 'janua-signed-out',
  parameters: {
    docs: {
      description: {
        component: `Shows its content only while signed out; nothing while the session is being restored.
Sign in with **${DEMO_LOGIN.email}** / **${DEMO_LOGIN.password}** to close it.`,
      },
    },
  },
  loaders: [withClient()],
  render: (args, { loaded }) => authPage(loaded['client'] as JanuaClient, { signedOut: args }),
};
export default meta;

type Story = StoryObj;

const content = (root: HTMLElement) => root.querySelector('#signed-out-content');
const signedInContent = (root: HTMLElement) => root.querySelector('#signed-in-content');

export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(isShown(content(canvasElement))).toBe(true), WAIT);
    await expect(isShown(signedInContent(canvasElement))).toBe(false);
    await expect(canvasElement.querySelector('janua-signed-out')?.matches(':state(active)')).toBe(true);
  },
};

export const SignedIn: Story = {
  loaders: [withClient({ signedIn: true })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(isShown(signedInContent(canvasElement))).toBe(true), WAIT);
    await expect(isShown(content(canvasElement))).toBe(false);
  },
};

/** Restore in flight: the signed-out content stays hidden rather than flashing. */
export const Restoring: Story = {
  loaders: [withClient({ refreshTransport: 'cookie', latency: { paths: /\/auth\/refresh$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await expectRestoring(canvasElement, 'janua-signed-out', null);
    await expect(isShown(content(canvasElement))).toBe(false);
    await expect(isShown(signedInContent(canvasElement))).toBe(false);
    await expect(canvasElement.querySelector('janua-signed-out')?.matches(':state(active)')).toBe(false);
  },
};

/**
 * The server answers 503 while the session is restored: that is not a sign-out, so instead of its
 * content the gate says quietly that it is waiting for the server (the client retries).
 */
export const ServiceUnavailable: Story = {
  loaders: [withClient({ refreshTransport: 'cookie', outage: /\/auth\/refresh$/ })],
  play: async ({ canvasElement }) => {
    const gate = canvasElement.querySelector('janua-signed-out')!;
    await waitFor(() => expect(gate.shadowRoot?.querySelector('janua-alert')?.message ?? '').toMatch(/reach the server/), WAIT);
    await expect(isShown(content(canvasElement))).toBe(false);
    await expect(isShown(signedInContent(canvasElement))).toBe(false);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };
