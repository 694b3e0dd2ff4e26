import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { en, type JanuaClient } from '@janua/core';
import '../components/provider/define.ts';
import { renderedText } from './support/dom.ts';
import { DEMO_LOGIN, withClient } from './support/janua.ts';
import { authPage, isShown } from './support/page.ts';
import { alertsShown, expectFormError, expectRestoring, fill, submit, WAIT } from './support/play.ts';

const meta: Meta = {
  title: 'Elements/Provider',
  component: 'janua-provider',
  parameters: {
    docs: {
      description: {
        component: `One client for every element inside it: the sign-in form, both gates, the name and the
sign-out button below all share it. Sign in with **${DEMO_LOGIN.email}** / **${DEMO_LOGIN.password}**.`,
      },
    },
  },
  loaders: [withClient()],
  render: (args, { loaded }) => authPage(loaded['client'] as JanuaClient, { provider: args }),
};
export default meta;

type Story = StoryObj;

export const Default: Story = {};

/** Signing in through the form inside the provider updates every element under it at once. */
export const SignedIn: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, DEMO_LOGIN);
    await submit(canvasElement);
    await waitFor(() => expect(isShown(canvasElement.querySelector('#signed-in-content'))).toBe(true), WAIT);
    await waitFor(
      () => expect(renderedText(canvasElement.querySelector('janua-user-name'))).toContain('Demo User'),
      WAIT,
    );
  },
};

/** The first session restore is held in flight: every gate under the provider waits with it. */
export const Restoring: Story = {
  loaders: [withClient({ refreshTransport: 'cookie', latency: { paths: /\/auth\/refresh$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await expectRestoring(canvasElement, 'janua-provider', null);
    await expect(isShown(canvasElement.querySelector('#signed-in-content'))).toBe(false);
    await expect(isShown(canvasElement.querySelector('#signed-out-content'))).toBe(false);
    await expect(isShown(canvasElement.querySelector('janua-sign-in'))).toBe(false);
  },
};

/** A wrong password through the provider's client: the real server's 401, shown in the form. */
export const ServerError: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { email: DEMO_LOGIN.email, password: 'not-the-password' });
    await submit(canvasElement);
    await expectFormError(canvasElement, en['error.INVALID_CREDENTIALS']);
    await expect(isShown(canvasElement.querySelector('#signed-in-content'))).toBe(false);
  },
};

/** Without a client or `api`, elements say so instead of failing silently. */
export const NoClient: Story = {
  render: () => html`<janua-provider><janua-sign-in></janua-sign-in></janua-provider>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(alertsShown(canvasElement)).toEqual([en['common.noClient']]), WAIT);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' } };
