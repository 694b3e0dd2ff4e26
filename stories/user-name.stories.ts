import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { JanuaClient } from '@janua/core';
import '../components/user-name/define.ts';
import { manifestArgs } from './support/args.ts';
import { renderedText } from './support/dom.ts';
import { DEMO_LOGIN, withClient } from './support/janua.ts';
import { expectSignedOut, WAIT } from './support/play.ts';

type UserNameArgs = Record<string, unknown>;

const meta: Meta<UserNameArgs> = {
  title: 'Elements/User name',
  component: 'janua-user-name',
  args: { format: 'full' },
  argTypes: { format: { control: 'inline-radio', options: ['full', 'first', 'email'] } },
  loaders: [withClient({ signedIn: true })],
  render: (args, { loaded }) => html`<p>
    Signed in as <janua-user-name .client=${loaded['client'] as JanuaClient} ${manifestArgs(args)}></janua-user-name>
  </p>`,
};
export default meta;

type Story = StoryObj<UserNameArgs>;

const shown = (root: HTMLElement) => renderedText(root.querySelector('janua-user-name'));

export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shown(canvasElement)).toBe('Demo User'), WAIT);
  },
};

export const FirstName: Story = {
  args: { format: 'first' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shown(canvasElement)).toBe('Demo'), WAIT);
  },
};

export const Email: Story = {
  args: { format: 'email' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shown(canvasElement)).toBe(DEMO_LOGIN.email), WAIT);
  },
};

export const SignedOut: Story = {
  loaders: [withClient()],
  play: async ({ canvasElement }) => {
    await expectSignedOut(canvasElement, 'janua-user-name');
    await expect(shown(canvasElement)).toBe('');
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };
