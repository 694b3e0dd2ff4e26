import { expect, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { JanuaClient } from '@janua/core';
import '../components/signed-in/define.ts';
import { renderedText } from './support/dom.ts';
import { DEMO_LOGIN, withClient } from './support/janua.ts';
import { authPage, isShown } from './support/page.ts';
import { expectRestoring, fill, submit, WAIT } from './support/play.ts';

const meta: Meta = {
  title: 'Elements/Signed in',
  component: 'janua-signed-in',
  parameters: {
    docs: {
      description: {
        component: `Shows its content only while signed in. The page below pairs it with \`<janua-signed-out>\`;
sign in with **${DEMO_LOGIN.email}** / **${DEMO_LOGIN.password}**.`,
      },
    },
  },
  loaders: [withClient({ signedIn: true })],
  render: (args, { loaded }) => authPage(loaded['client'] as JanuaClient, { signedIn: args }),
};
export default meta;

type Story = StoryObj;

const content = (root: HTMLElement) => root.querySelector('#signed-in-content');
const signedOutContent = (root: HTMLElement) => root.querySelector('#signed-out-content');

/** Signed in before the story renders: the greeting shows the seeded user's name. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(isShown(content(canvasElement))).toBe(true), WAIT);
    await expect(isShown(signedOutContent(canvasElement))).toBe(false);
    await waitFor(() => expect(renderedText(canvasElement.querySelector('janua-user-name'))).toContain('Demo User'), WAIT);
  },
};

export const SignedOut: Story = {
  loaders: [withClient()],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(isShown(signedOutContent(canvasElement))).toBe(true), WAIT);
    await expect(isShown(content(canvasElement))).toBe(false);
  },
};

/** The first session restore is held in flight: neither side renders (no flash of signed-out UI). */
export const Restoring: Story = {
  loaders: [withClient({ refreshTransport: 'cookie', latency: { paths: /\/auth\/refresh$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await expectRestoring(canvasElement, 'janua-signed-in', null);
    await expect(isShown(content(canvasElement))).toBe(false);
    await expect(isShown(signedOutContent(canvasElement))).toBe(false);
  },
};

/** Signing in with the real form opens this gate and closes the other one. */
export const SignsInLive: Story = {
  loaders: [withClient()],
  play: async ({ canvasElement }) => {
    await fill(canvasElement, DEMO_LOGIN);
    await submit(canvasElement);
    await waitFor(() => expect(isShown(content(canvasElement))).toBe(true), WAIT);
    await expect(isShown(signedOutContent(canvasElement))).toBe(false);
  },
};

/**
 * The server is down while the session is restored: not a sign-out, so neither side's content
 * shows; the signed-out gate says it is waiting for the server (the client retries).
 */
export const ServiceUnavailable: Story = {
  loaders: [withClient({ refreshTransport: 'cookie', outage: /\/auth\/refresh$/ })],
  play: async ({ canvasElement }) => {
    const gate = canvasElement.querySelector('janua-signed-out')!;
    await waitFor(() => expect(gate.shadowRoot?.querySelector('janua-alert')?.message ?? '').toMatch(/reach the server/), WAIT);
    await expect(isShown(content(canvasElement))).toBe(false);
    await expect(isShown(signedOutContent(canvasElement))).toBe(false);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };
