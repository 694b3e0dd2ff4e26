import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { JanuaClient } from '@janua/core';
import '../components/sign-out-button/define.ts';
import { manifestArgs } from './support/args.ts';
import { queryAllDeep } from './support/dom.ts';
import { withClient } from './support/janua.ts';
import { expectHeld, expectSignedOut, WAIT } from './support/play.ts';

type SignOutArgs = Record<string, unknown>;

const meta: Meta<SignOutArgs> = {
  title: 'Elements/Sign-out button',
  component: 'janua-sign-out-button',
  args: { variant: 'secondary' },
  argTypes: { variant: { control: 'inline-radio', options: ['primary', 'secondary', 'ghost', 'danger'] } },
  loaders: [withClient({ signedIn: true })],
  render: (args, { loaded }) =>
    html`<janua-sign-out-button .client=${loaded['client'] as JanuaClient} ${manifestArgs(args)}></janua-sign-out-button>`,
};
export default meta;

type Story = StoryObj<SignOutArgs>;

/** The native button, inside the element's shadow root. */
function button(root: HTMLElement): HTMLButtonElement | null {
  const host = root.querySelector('janua-sign-out-button');
  return host?.shadowRoot ? (queryAllDeep<HTMLButtonElement>(host.shadowRoot, 'button')[0] ?? null) : null;
}
const client = (loaded: Record<string, unknown>) => loaded['client'] as JanuaClient;

async function clickSignOut(root: HTMLElement): Promise<void> {
  const b = await waitFor(() => {
    const found = button(root);
    if (!found) throw new Error('sign-out button not rendered');
    return found;
  }, WAIT);
  await userEvent.click(b);
}

/** Shown because the seeded demo user is signed in. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(button(canvasElement)).toHaveTextContent('Sign out'), WAIT);
  },
};

/** The server's answer to sign-out is held, so the button stays busy. */
export const Pending: Story = {
  loaders: [withClient({ signedIn: true, latency: { paths: /\/auth\/signout$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await clickSignOut(canvasElement);
    await expectHeld(canvasElement, /\/auth\/signout$/, () => {
      expect(button(canvasElement)).toHaveAttribute('aria-busy', 'true');
      expect(button(canvasElement)).toBeDisabled();
    });
  },
};

/** A real sign-out: the session ends on the server and the button, shown only when signed in, goes. */
export const SignedOut: Story = {
  play: async ({ canvasElement, loaded }) => {
    await clickSignOut(canvasElement);
    await waitFor(() => expect(button(canvasElement)).toBeNull(), WAIT);
    await expect(client(loaded).getSnapshot().status).toBe('signed-out');
  },
};

/** The server is down (503): the user is still signed out here, as a sign-out must never fail locally. */
export const ServiceUnavailable: Story = {
  loaders: [withClient({ signedIn: true, outage: /\/auth\/signout$/ })],
  play: SignedOut.play,
};

/** Nobody is signed in, so there is nothing to render. */
export const NotSignedIn: Story = {
  loaders: [withClient()],
  play: async ({ canvasElement }) => {
    const el = await expectSignedOut(canvasElement, 'janua-sign-out-button');
    await expect(button(canvasElement)).toBeNull();
    await expect(el.shadowRoot?.textContent?.trim() ?? '').toBe('');
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };
