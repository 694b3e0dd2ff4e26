import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/magic-link/define.ts';
import { manifestArgs } from './support/args.ts';
import { queryDeep } from './support/dom.ts';
import { DEMO_LOGIN, MFA_LOGIN, methodsStory, type MethodsStory } from './support/methods.ts';
import { fill, WAIT } from './support/play.ts';

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
