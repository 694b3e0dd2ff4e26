import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { en as core, enMagic } from '@janua/core';

const en = { ...core, ...enMagic };
import '../components/magic-link/define.ts';
import { manifestArgs } from './support/args.ts';
import { queryDeep } from './support/dom.ts';
import { DEMO_LOGIN, MFA_LOGIN, methodsStory, type MethodsStory } from './support/methods.ts';
import { fill, WAIT } from './support/play.ts';
import { faultStory, type FaultStory, type FaultStoryOptions } from './support/faults.ts';

type Args = Record<string, unknown>;

/** A server, and the token of a link it mailed to `email` (spent already when `used`). */
function withLink(email: string | null, used = false) {
  return async () => {
    const methods = await methodsStory();
    if (!email) return { methods, token: undefined };
    const token = await methods.linkToken(email);
    if (used) await methods.app.fetch(new Request('http://janua.storybook/api/v1/auth/magic-link/verify', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }),
    }));
    return { methods, token };
  };
}

const meta: Meta<Args> = {
  title: 'Elements/Magic link',
  component: 'janua-magic-link',
  parameters: {
    docs: {
      description: {
        component: `The page a sign-in link opens, against the reference server inside this page: each story asks
the server for a link (to **${DEMO_LOGIN.email}** unless said otherwise) and hands its token to the element,
as \`?token=\` in the address would.`,
      },
    },
  },
  loaders: [withLink(DEMO_LOGIN.email)],
  render: (args, { loaded }) => html`<janua-magic-link .client=${(loaded['methods'] as MethodsStory).client}
    .token=${loaded['token'] as string | undefined} ${manifestArgs(args)}></janua-magic-link>`,
};
export default meta;

type Story = StoryObj<Args>;

const heading = (root: HTMLElement) => queryDeep(root, '[part="heading"]');

/** A fresh link: checked, then signed in. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(heading(canvasElement)).toHaveTextContent('You are signed in'), WAIT);
  },
};

/** A link to an account with two-step verification: the second factor comes first. */
export const SecondFactor: Story = {
  loaders: [withLink(MFA_LOGIN.email)],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('janua-mfa-challenge input[autocomplete="one-time-code"]')).toHaveFocus(), WAIT);
  },
};

/** A link already used: it says so and offers a new one. */
export const UsedLink: Story = {
  loaders: [withLink(DEMO_LOGIN.email, true)],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(heading(canvasElement)).toHaveTextContent('This link no longer works'), WAIT);
    await expect(canvasElement.querySelector('input[name="email"]')).not.toBeNull();
  },
};

/**
 * A link this browser did not ask for (asked for on another device, or by someone else for their
 * own account): a question first, and nothing is sent until Continue.
 */
export const AskedElsewhere: Story = {
  loaders: [async () => {
    const loaded = await withLink(DEMO_LOGIN.email)();
    // The mark the request left (packages/core/src/modules/magic-link-mark.ts), taken away.
    localStorage.removeItem(`janua:magic-link:${loaded.methods.client.api}`);
    return loaded;
  }],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('.janua-continue-button')).toHaveTextContent(en['signedIn.continue']), WAIT);
    await expect(queryDeep(canvasElement, '[part="subtitle"]')).toHaveTextContent(en['magicLink.confirm']);
  },
};

/** Someone is signed in here: the question says whose session the link's account would replace. */
export const OverAnotherSession: Story = {
  loaders: [async () => {
    const loaded = await withLink(DEMO_LOGIN.email)();
    await loaded.methods.client.signUp({ email: 'sam@example.com', password: 'Storybook-password-42', firstName: 'Sam' });
    return loaded;
  }],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('.janua-continue-button')).not.toBeNull(), WAIT);
    await expect(queryDeep(canvasElement, '[part="subtitle"]')).toHaveTextContent('You are signed in as Sam.');
  },
};

/** Opened without a token: a form to ask for a link. */
export const NoToken: Story = {
  loaders: [withLink(null)],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(heading(canvasElement)).toHaveTextContent('Sign in with a link'), WAIT);
  },
};

/** A new link asked for: sent, with a visible wait before the next. */
export const NewLinkSent: Story = {
  loaders: [withLink(null)],
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { email: DEMO_LOGIN.email });
    await userEvent.click(canvasElement.querySelector<HTMLButtonElement>('form button[type="submit"]')!);
    await waitFor(() => expect(heading(canvasElement)).toHaveTextContent('Check your email'), WAIT);
  },
};

/** The used link, in French once the used-link check and the catalog have come. */
export const French: Story = {
  args: { locale: 'fr' },
  loaders: [withLink(DEMO_LOGIN.email, true)],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(heading(canvasElement)).toHaveTextContent('Ce lien ne fonctionne plus'), WAIT);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, loaders: [withLink(DEMO_LOGIN.email, true)], play: UsedLink.play };

/*
 * The check of the link failing or held: a server of its own (stories/support/faults.ts) that
 * mails the link, then answers its check with the fault.
 */
function withFaultyLink(options: FaultStoryOptions) {
  return async () => {
    const faults = await faultStory(options);
    return { faults, token: await faults.linkToken(DEMO_LOGIN.email) };
  };
}

const faultyRender = (args: Args, loaded: Record<string, unknown>) => html`<janua-magic-link
  .client=${(loaded['faults'] as FaultStory).client} .token=${loaded['token'] as string} ${manifestArgs(args)}></janua-magic-link>`;

/** The link is being checked: the server's answer is held, the card says it is checking. */
export const Checking: Story = {
  loaders: [withFaultyLink({ hold: /\/magic-link\/verify$/ })],
  render: (args, { loaded }) => faultyRender(args, loaded),
  play: async ({ canvasElement, loaded }) => {
    const faults = loaded['faults'] as FaultStory;
    await waitFor(() => expect(faults.held()).toBe(1), WAIT);
    await waitFor(() => expect(queryDeep(canvasElement, '[part="base"][role="status"]')).toHaveTextContent(en['magicLink.verifying']), WAIT);
    await expect(heading(canvasElement)).toHaveTextContent(en['magicLink.title']);
    await expect(faults.client.getSnapshot().status).toBe('signed-out');
    await expect(canvasElement.querySelector('.janua-retry-button, input[name="email"]')).toBeNull();
  },
};

/**
 * The check gets a 503: the link may still be good, so the card says what happened (the alert,
 * which has focus) and offers "Try again"; its heading no longer says "Signing you in".
 */
export const CheckFailed: Story = {
  loaders: [withFaultyLink({ outage: /\/magic-link\/verify$/ })],
  render: (args, { loaded }) => faultyRender(args, loaded),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('.janua-retry-button')).toHaveTextContent(en['magicLink.retry']), WAIT);
    await expect(queryDeep(canvasElement, '[part="base"][role="status"]')).toHaveTextContent(en['error.SERVICE_UNAVAILABLE']);
    await expect(heading(canvasElement)).toHaveTextContent(en['magicLink.missingTitle']);
    await expect(canvasElement.querySelector('input[name="email"]')).toBeNull();
  },
};
