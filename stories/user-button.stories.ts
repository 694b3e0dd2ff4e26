import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { JanuaClient } from '@janua/core';
import '../components/user-button/define.ts';
import { manifestArgs } from './support/args.ts';
import { queryAllDeep, queryDeep } from './support/dom.ts';
import { withClient } from './support/janua.ts';
import { expectRestoring, expectSignedOut, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

const meta: Meta<Args> = {
  title: 'Account/User button',
  component: 'janua-user-button',
  args: { 'profile-url': '#account', 'organizations-url': '#organizations' },
  loaders: [withClient({ signedIn: true })],
  render: (args, { loaded }) => html`<p>Account:
    <janua-user-button .client=${loaded['client'] as JanuaClient} ${manifestArgs(args)}></janua-user-button></p>`,
};
export default meta;

type Story = StoryObj<Args>;

const trigger = (root: HTMLElement) => queryDeep<HTMLButtonElement>(root, 'button[part="trigger"]');
const items = (root: HTMLElement) => queryAllDeep(root, '[role="menuitem"]').map((i) => i.textContent!.trim());

/** Signed in: the avatar with the demo user's initials. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(trigger(canvasElement)).toHaveAccessibleName('Account menu for Demo User'), WAIT);
  },
};

/** Opened: name and email, then the menu (the demo user belongs to organizations). */
export const Open: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => trigger(canvasElement), WAIT);
    await userEvent.click(trigger(canvasElement));
    await waitFor(() => expect(items(canvasElement)).toEqual(['Manage account', 'Organizations', 'Sign out']), WAIT);
  },
};

/** Without the links' URLs only "Sign out" remains. */
export const SignOutOnly: Story = {
  args: { 'profile-url': '', 'organizations-url': '' },
  play: async ({ canvasElement }) => {
    await waitFor(() => trigger(canvasElement), WAIT);
    await userEvent.click(trigger(canvasElement));
    await waitFor(() => expect(items(canvasElement)).toEqual(['Sign out']), WAIT);
  },
};

/** The session is still being restored: a placeholder of the avatar's size holds its place. */
export const Loading: Story = {
  loaders: [withClient({ refreshTransport: 'cookie', latency: { paths: /\/auth\/refresh$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await expectRestoring(canvasElement, 'janua-user-button', '[part="placeholder"]');
  },
};

/** Nobody is signed in: the element takes no room. */
export const SignedOut: Story = {
  loaders: [withClient()],
  play: async ({ canvasElement }) => {
    const el = await expectSignedOut(canvasElement, 'janua-user-button');
    await expect(el.matches(':state(signed-out)')).toBe(true);
    await expect(queryAllDeep(canvasElement, 'button, [part="placeholder"]')).toEqual([]);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Open.play };
