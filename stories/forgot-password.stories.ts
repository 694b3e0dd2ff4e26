import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { JanuaClient } from '@janua/core';
import '../components/forgot-password/define.ts';
import { manifestArgs } from './support/args.ts';
import { DEMO_LOGIN, withClient } from './support/janua.ts';
import { expectFormError, expectPending, fill, submit, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

const meta: Meta<Args> = {
  title: 'Account/Forgot password',
  component: 'janua-forgot-password',
  args: { 'sign-in-url': '#sign-in' },
  loaders: [withClient()],
  render: (args, { loaded }) =>
    html`<janua-forgot-password .client=${loaded['client'] as JanuaClient} ${manifestArgs(args)}></janua-forgot-password>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Default: Story = {};

/** Sent: the same words whether or not the address has an account. */
export const Sent: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { email: DEMO_LOGIN.email });
    await submit(canvasElement);
    await waitFor(() => expect(canvasElement.textContent).toContain('a link is on its way'), WAIT);
  },
};

export const Pending: Story = {
  loaders: [withClient({ latency: { paths: /\/password\/forgot$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { email: DEMO_LOGIN.email });
    await submit(canvasElement);
    await expectPending(canvasElement, /\/password\/forgot$/);
  },
};

export const ServiceUnavailable: Story = {
  loaders: [withClient({ outage: /\/password\/forgot$/ })],
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { email: DEMO_LOGIN.email });
    await submit(canvasElement);
    await expectFormError(canvasElement, 'The service is busy');
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' } };
