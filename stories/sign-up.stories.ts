import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { en, PASSWORD_RULES, type JanuaClient } from '@janua/core';
import '../components/sign-up/define.ts';
import { manifestArgs } from './support/args.ts';
import { queryDeep } from './support/dom.ts';
import { DEMO_LOGIN, withClient } from './support/janua.ts';
import { expectFieldError, expectFormError, expectPending, fill, submit, WAIT } from './support/play.ts';

type SignUpArgs = Record<string, unknown>;

/** A new account each run; the server is fresh per story, so the address is free. */
const NEW_ACCOUNT = {
  first_name: 'Grace',
  last_name: 'Hopper',
  email: 'grace@example.com',
  password: 'Compilers-since-1952',
};

const meta: Meta<SignUpArgs> = {
  title: 'Elements/Sign up',
  component: 'janua-sign-up',
  parameters: {
    docs: {
      description: {
        component: `Creates real accounts on the reference server inside this page (gone on reload).
**${DEMO_LOGIN.email}** is already taken.`,
      },
    },
  },
  args: { 'sign-in-url': '#sign-in' },
  loaders: [withClient()],
  render: (args, { loaded }) =>
    html`<janua-sign-up .client=${loaded['client'] as JanuaClient} ${manifestArgs(args)}></janua-sign-up>`,
};
export default meta;

type Story = StoryObj<SignUpArgs>;

export const Default: Story = {};

export const Pending: Story = {
  loaders: [withClient({ latency: { paths: /\/auth\/signup$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await fill(canvasElement, NEW_ACCOUNT);
    await submit(canvasElement);
    await expectPending(canvasElement);
  },
};

/**
 * Too short for the password rules. Typed by hand, the browser's `minlength` check stops it with
 * the kit's message; typed by a script (as here) the browser lets it through and the server's 422
 * names the field. Either way the message sits under the password field.
 */
export const FieldError: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { ...NEW_ACCOUNT, password: 'short' });
    await submit(canvasElement);
    await expectFieldError(canvasElement, 'password', new RegExp(`at least ${PASSWORD_RULES.minLength} characters`));
  },
};

/** Well-formed but guessable: the server refuses it (400 WEAK_PASSWORD) and names the field. */
export const WeakPassword: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { ...NEW_ACCOUNT, password: 'password123' });
    await submit(canvasElement);
    await expectFieldError(canvasElement, 'password', 'too common');
  },
};

/** The seeded demo address is taken: the server's 400 EMAIL_TAKEN lands under the email field. */
export const ServerError: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { ...NEW_ACCOUNT, email: DEMO_LOGIN.email });
    await submit(canvasElement);
    // The server's own message for the field wins over the kit's generic one for the code.
    await expectFieldError(canvasElement, 'email', /already exists/);
  },
};

export const ServiceUnavailable: Story = {
  loaders: [withClient({ outage: /\/auth\/signup$/ })],
  play: async ({ canvasElement }) => {
    await fill(canvasElement, NEW_ACCOUNT);
    await submit(canvasElement);
    await expectFormError(canvasElement, en['error.SERVICE_UNAVAILABLE']);
  },
};

/** A real sign-up: the account is created and signed in, and the form leaves the page. */
export const SignedIn: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, NEW_ACCOUNT);
    await submit(canvasElement);
    await waitFor(() => expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent(en['signedIn.title']), WAIT);
    await expect(queryDeep(canvasElement, '[part="subtitle"]')).toHaveTextContent('Grace Hopper');
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' } };

export const DarkThemeFieldError: Story = { globals: { theme: 'dark' }, play: ServerError.play };
