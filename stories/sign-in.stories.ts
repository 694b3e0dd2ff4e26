import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { en, format, type JanuaClient } from '@janua/core';
import '../components/sign-in/define.ts';
import { manifestArgs } from './support/args.ts';
import { queryAllDeep, queryDeep } from './support/dom.ts';
import { DEMO_LOGIN, withClient } from './support/janua.ts';
import { demoLoginHint } from './support/page.ts';
import { expectFieldError, expectFormError, expectPending, fill, input, submit, submitButton, WAIT } from './support/play.ts';
import { buttonNamed, clickButton } from './support/click.ts';
import { MFA_LOGIN, SSO_EMAIL, withMethods, type MethodsStory } from './support/methods.ts';
import { withFaults, type FaultStory } from './support/faults.ts';
import { cameBackWith } from './support/return.ts';

type SignInArgs = Record<string, unknown>;

const meta: Meta<SignInArgs> = {
  title: 'Elements/Sign in',
  component: 'janua-sign-in',
  parameters: {
    docs: {
      description: {
        component: `Runs against the reference server inside this page. Sign in with the seeded demo login
**${DEMO_LOGIN.email}** / **${DEMO_LOGIN.password}**.`,
      },
    },
  },
  args: { 'sign-up-url': '#sign-up', 'forgot-password-url': '#forgot-password' },
  loaders: [withClient()],
  render: (args, { loaded }) =>
    html`${demoLoginHint()}<janua-sign-in .client=${loaded['client'] as JanuaClient} ${manifestArgs(args)}></janua-sign-in>`,
};
export default meta;

type Story = StoryObj<SignInArgs>;

/** The link controls come from the manifest's attributes (`sign-up-url`, `forgot-password-url`). */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(queryDeep(canvasElement, 'a[part="sign-up-link"]')).toHaveAttribute('href', '#sign-up'), WAIT);
    await expect(queryDeep(canvasElement, 'a[part="forgot-password-link"]')).toHaveTextContent(en['signIn.forgotPassword']);
    await expect(document.querySelector('input[autocomplete="current-password"]')).not.toBeNull();
  },
};

/** The server's answer is held back 10 minutes, so the pending state stays on screen. */
export const Pending: Story = {
  loaders: [withClient({ latency: { paths: /\/auth\/signin$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await fill(canvasElement, DEMO_LOGIN);
    await submit(canvasElement);
    await expectPending(canvasElement, /\/auth\/signin$/);
    await expect(canvasElement.querySelector('fieldset')).toBeDisabled();
  },
};

/** Native validation, with the kit's message under the field instead of the browser bubble. */
export const FieldError: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { email: 'not-an-email', password: 'whatever' });
    await submit(canvasElement);
    await expectFieldError(canvasElement, 'email', en['field.invalidEmail']);
    await waitFor(() => expect(document.activeElement).toBe(canvasElement.querySelector('input[name="email"]')), WAIT);
  },
};

/** A wrong password: the real server answers 401 INVALID_CREDENTIALS. */
export const ServerError: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { email: DEMO_LOGIN.email, password: 'not-the-password' });
    await submit(canvasElement);
    await expectFormError(canvasElement, en['error.INVALID_CREDENTIALS']);
  },
};

/** The server is down: every sign-in answers 503 in the API's error shape. */
export const ServiceUnavailable: Story = {
  loaders: [withClient({ outage: /\/auth\/signin$/ })],
  play: async ({ canvasElement }) => {
    await fill(canvasElement, DEMO_LOGIN);
    await submit(canvasElement);
    await expectFormError(canvasElement, en['error.SERVICE_UNAVAILABLE']);
  },
};

/** The demo login, typed and submitted: the form leaves the page and the heading takes focus. */
export const SignedIn: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, DEMO_LOGIN);
    await submit(canvasElement);
    await waitFor(() => expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent(en['signedIn.title']), WAIT);
    await waitFor(() => expect(canvasElement.querySelector('input[name="password"]')).toBeNull(), WAIT);
  },
};

/** What a `janua-navigate` listener heard: the address, why, and whether a listener kept the page. */
interface Navigation { url: string; reason: string; canceled: boolean }

/** The `janua-navigate` events the card announces from now on. */
function navigationsOf(root: HTMLElement): Navigation[] {
  const seen: Navigation[] = [];
  root.addEventListener('janua-navigate', (event) => {
    const { url, reason } = (event as CustomEvent<{ url: string; reason: string }>).detail;
    seen.push({ url, reason, canceled: event.defaultPrevented });
  });
  return seen;
}

/**
 * Signed in with `redirect-url` set, and the app's router takes the navigation over (a
 * `janua-navigate` listener cancels it): the page stays, the card says it is taking the user
 * onward and offers the Continue link to the same address.
 */
export const RedirectCanceled: Story = {
  args: { 'redirect-url': '#dashboard' },
  render: (args, { loaded }) => html`${demoLoginHint()}<janua-sign-in .client=${loaded['client'] as JanuaClient}
    @janua-navigate=${(event: Event) => event.preventDefault()} ${manifestArgs(args)}></janua-sign-in>`,
  play: async ({ canvasElement }) => {
    const page = location.href;
    const navigations = navigationsOf(canvasElement);
    await fill(canvasElement, DEMO_LOGIN);
    await submit(canvasElement);
    // The guard hands back a same-origin address as a path; compared as the browser would resolve it.
    const onward = new URL('#dashboard', page).href;
    const resolved = (url: string) => new URL(url, page).href;
    await waitFor(() => expect(navigations.map((n) => ({ ...n, url: resolved(n.url) })))
      .toEqual([{ url: onward, reason: 'signed-in', canceled: true }]), WAIT);
    await waitFor(() => expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent(en['signedIn.title']), WAIT);
    const link = queryDeep(canvasElement, 'a[part="continue-link"]');
    await expect(resolved(link.getAttribute('href') ?? '')).toBe(onward);
    await expect(link).toHaveTextContent(en['signedIn.continue']);
    await waitFor(() => expect(queryDeep(canvasElement, '[part="base"][role="status"]')).toHaveTextContent(en['signedIn.redirecting']), WAIT);
    await expect(queryDeep(canvasElement, 'janua-alert[part="alert"]')).toHaveAttribute('variant', 'info');
    await expect(location.href).toBe(page);
  },
};

/**
 * Signed in before the page loaded (no `redirect-url`): the card says who, with "Not you?" and
 * a sign-out button in place of the form; nothing to type into.
 */
export const AlreadySignedIn: Story = {
  loaders: [withClient({ signedIn: true })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent(en['signedIn.title']), WAIT);
    await expect(queryDeep(canvasElement, '[part="subtitle"]')).toHaveTextContent('Demo User');
    await expect(queryDeep(canvasElement, '[part="next"]')).toHaveTextContent(en['signedIn.notYou']);
    await waitFor(() => expect(queryDeep(queryDeep(canvasElement, 'janua-sign-out-button').shadowRoot!, 'button'))
      .toHaveTextContent(en['signOut.label']), WAIT);
    await expect(queryAllDeep(canvasElement, 'a[part="continue-link"]')).toEqual([]);
    const password = canvasElement.querySelector<HTMLInputElement>('input[name="password"]');
    await expect(password === null || !password.checkVisibility(), 'no password field to type into').toBe(true);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' } };

export const DarkThemeServerError: Story = { globals: { theme: 'dark' }, play: ServerError.play };

/*
 * Every way to sign in. These run on a server of their own (stories/support/methods.ts): social
 * providers configured, an SSO domain, the demo MFA account.
 */
const methodsRender = (args: SignInArgs, loaded: Record<string, unknown>) =>
  html`${demoLoginHint()}<janua-sign-in .client=${(loaded['methods'] as MethodsStory).client} ${manifestArgs(args)}></janua-sign-in>`;

/** The passkey button, the emailed link and one button per social provider the server has, under the form. */
export const EveryMethod: Story = {
  loaders: [withMethods({ providers: true })],
  render: (args, { loaded }) => methodsRender(args, loaded),
  play: async ({ canvasElement }) => {
    await buttonNamed(canvasElement, 'Continue with GitHub');
    await buttonNamed(canvasElement, 'Continue with Google');
    await buttonNamed(canvasElement, 'Email me a sign-in link');
    await expect(await input(canvasElement, 'email')).toHaveAttribute('autocomplete', expect.stringMatching(/^username( webauthn)?$/));
  },
};

/**
 * `methods=""`: the password alone, even on a server with social providers. Written into the
 * template, because a control cleared to "" removes its attribute (`manifestArgs`).
 */
export const PasswordOnly: Story = {
  loaders: [withMethods({ providers: true })],
  render: (args, { loaded }) =>
    html`${demoLoginHint()}<janua-sign-in methods="" .client=${(loaded['methods'] as MethodsStory).client} ${manifestArgs(args)}></janua-sign-in>`,
  play: async ({ canvasElement }) => {
    await expect(await input(canvasElement, 'email')).toHaveAttribute('autocomplete', 'username');
    await expect(document.querySelector('input[autocomplete="current-password"]')).not.toBeNull();
    await expect(canvasElement.querySelector('janua-sign-in .janua-alternatives')).toBeNull();
    const names = [...canvasElement.querySelectorAll('janua-sign-in button')].map((b) => b.textContent?.trim());
    await expect(names).toContain(en['signIn.submit']);
    await expect(names.filter((n) => /GitHub|Google|link|passkey|SSO/i.test(n ?? ''))).toEqual([]);
  },
};

/** "Email me a sign-in link" after a valid address: the card says to check the email, and the resend waits visibly. */
export const LinkSent: Story = {
  loaders: [withMethods()],
  render: (args, { loaded }) => methodsRender(args, loaded),
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { email: DEMO_LOGIN.email });
    await clickButton(canvasElement, 'Email me a sign-in link');
    await waitFor(() => expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent(en['magicLink.sentTitle']), WAIT);
    await expect(await buttonNamed(canvasElement, /^Send again in \d+ s$/)).toBeDisabled();
  },
};

/** An address of an SSO domain: the password field gives way to "Continue with SSO". */
export const SsoDomain: Story = {
  loaders: [withMethods({ sso: true })],
  render: (args, { loaded }) => methodsRender(args, loaded),
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { email: SSO_EMAIL });
    await buttonNamed(canvasElement, en['sso.submit']);
    await waitFor(() => {
      const password = canvasElement.querySelector<HTMLInputElement>('input[name="password"]');
      expect(password === null || !password.checkVisibility(), 'no password field to type into').toBe(true);
    }, WAIT);
    // Said in the polite region, and the email field is described by the hint.
    await waitFor(() => expect(queryDeep(canvasElement, '[part="base"][role="status"]')).toHaveTextContent(en['sso.found']), WAIT);
    await expect(await input(canvasElement, 'email')).toHaveAccessibleDescription(en['sso.hint']);
  },
};

/**
 * `/sso/discover` gets no answer (503, even asked again): whether the domain signs in with SSO
 * is unknown, so the password is not sent. The alert says so; what was typed stays.
 */
export const SsoUnknown: Story = {
  loaders: [withClient({ outage: /\/sso\/discover$/ })],
  play: async ({ canvasElement }) => {
    await fill(canvasElement, DEMO_LOGIN);
    await submit(canvasElement);
    await expectFormError(canvasElement, en['sso.unknown']);
    await expect(await input(canvasElement, 'email')).toHaveValue(DEMO_LOGIN.email);
    await expect(await input(canvasElement, 'password')).toHaveValue(DEMO_LOGIN.password);
    await expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent(en['signIn.title']);
  },
};

/**
 * The user dismissed the browser's passkey dialog. Storybook's browser shows no such dialog, so
 * the page plays that part: `navigator.credentials.get` refuses a modal request as a dismissed
 * dialog does (NotAllowedError) and holds an autofill one until it is aborted. Put back after the story.
 */
export const PasskeyCancelled: Story = {
  loaders: [withMethods()],
  beforeEach: () => {
    const credentials = navigator.credentials;
    const own = Object.getOwnPropertyDescriptor(credentials, 'get');
    Object.defineProperty(credentials, 'get', {
      configurable: true,
      value: (options?: CredentialRequestOptions) => new Promise((_resolve, reject) => {
        if (options?.mediation === 'conditional') {
          options.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
          return;
        }
        reject(new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError'));
      }),
    });
    return () => {
      if (own) Object.defineProperty(credentials, 'get', own);
      else delete (credentials as { get?: unknown }).get;
    };
  },
  render: (args, { loaded }) => methodsRender(args, loaded),
  play: async ({ canvasElement }) => {
    await clickButton(canvasElement, en['signIn.passkey']);
    await waitFor(() => expect(queryDeep(canvasElement, '[part="base"][role="status"]')).toHaveTextContent(en['signIn.passkeyCancelled']), WAIT);
    // Quiet: an info notice, never the error variant.
    await expect(queryDeep(canvasElement, 'janua-alert[part="alert"]')).toHaveAttribute('variant', 'info');
  },
};

/** Back from a social provider that refused (`?error=access_denied`): the card says so, in words, and the address is cleaned. */
export const SocialReturnError: Story = {
  beforeEach: cameBackWith({ janua_return: 'social', error: 'access_denied' }),
  play: async ({ canvasElement }) => {
    await expectFormError(canvasElement, en['error.ACCESS_DENIED']);
    await expect(queryDeep(canvasElement, 'janua-alert[part="alert"]')).toHaveAttribute('variant', 'error');
    await expect(new URL(location.href).searchParams.has('error')).toBe(false);
  },
};

/** Back from an organization's identity provider that does not cover the address (`?error=email_domain_not_allowed`). */
export const SsoReturnError: Story = {
  beforeEach: cameBackWith({ janua_return: 'sso', error: 'email_domain_not_allowed' }),
  play: async ({ canvasElement }) => {
    await expectFormError(canvasElement, en['error.EMAIL_DOMAIN_NOT_ALLOWED']);
    await expect(new URL(location.href).searchParams.has('janua_return')).toBe(false);
  },
};

/** The demo MFA account's password: the second factor is the next step, its code field focused. */
export const SecondFactorStep: Story = {
  loaders: [withMethods()],
  render: (args, { loaded }) => methodsRender(args, loaded),
  play: async ({ canvasElement }) => {
    await fill(canvasElement, MFA_LOGIN);
    await submit(canvasElement);
    await waitFor(() => expect(canvasElement.querySelector('janua-mfa-challenge input[autocomplete="one-time-code"]')).toHaveFocus(), WAIT);
  },
};

/** In French: the provider buttons (from GET /auth/oauth/providers) and the form, once the catalog has loaded. */
export const EveryMethodFrench: Story = {
  ...EveryMethod,
  args: { locale: 'fr' },
  play: async ({ canvasElement }) => {
    await waitFor(() => {
      expect(canvasElement.querySelectorAll('janua-sign-in .janua-provider-button')).toHaveLength(2);
      expect(submitButton(canvasElement)).toHaveTextContent('Se connecter');
    }, WAIT);
  },
};

export const EveryMethodDark: Story = { ...EveryMethod, globals: { theme: 'dark' } };

/*
 * What goes wrong between the page and the server. These run on a server of their own
 * (stories/support/faults.ts): its sign-in limits lowered, or a fault it cannot make itself.
 */
const faultsRender = (args: SignInArgs, loaded: Record<string, unknown>) =>
  html`${demoLoginHint()}<janua-sign-in .client=${(loaded['faults'] as FaultStory).client} ${manifestArgs(args)}></janua-sign-in>`;

/** The `janua-error` events the card reports from now on (`detail.code`, `detail.retryAfter`). */
function errorsOf(root: HTMLElement): { code: string; retryAfter: number | null }[] {
  const seen: { code: string; retryAfter: number | null }[] = [];
  root.addEventListener('janua-error', (event) => seen.push((event as CustomEvent).detail));
  return seen;
}

/** A wrong password first: the server's plain 401, which every play below starts from. */
async function wrongPasswordOnce(root: HTMLElement): Promise<void> {
  await fill(root, { email: DEMO_LOGIN.email, password: 'not-the-password' });
  await submit(root);
  await expectFormError(root, en['error.INVALID_CREDENTIALS']);
}

/**
 * Too many sign-ins from this address: the server's own limit, lowered to one try a minute. A
 * wrong password, then the right one: refused with 429 and Retry-After, and the alert says how
 * long to wait. Nothing is signed in; what was typed stays.
 */
export const RateLimited: Story = {
  loaders: [withFaults({ rateLimit: { signinIp: { limit: 1, windowMs: 60_000 } } })],
  render: (args, { loaded }) => faultsRender(args, loaded),
  play: async ({ canvasElement }) => {
    await wrongPasswordOnce(canvasElement);
    const errors = errorsOf(canvasElement);
    await fill(canvasElement, DEMO_LOGIN);
    await submit(canvasElement);
    await waitFor(() => expect(errors.map((e) => e.code)).toEqual(['RATE_LIMITED']), WAIT);
    const seconds = errors[0]!.retryAfter!;
    await expect(seconds).toBeGreaterThan(0);
    await expectFormError(canvasElement, format(en['error.RATE_LIMITED_RETRY'], { seconds }, 'en'));
    await expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent(en['signIn.title']);
    await expect(await input(canvasElement, 'password')).toHaveValue(DEMO_LOGIN.password);
  },
};

/**
 * `/sso/discover` answers 429 (the server's answer shape, Retry-After 30 s): whether the domain
 * signs in with SSO is unknown, so the password is not sent, and the lookup is not asked again
 * at once; the alert says how long to wait.
 */
export const SsoRateLimited: Story = {
  loaders: [withFaults({ tooMany: { paths: /\/sso\/discover$/, seconds: 30 } })],
  render: (args, { loaded }) => faultsRender(args, loaded),
  play: async ({ canvasElement, loaded }) => {
    await fill(canvasElement, DEMO_LOGIN);
    await submit(canvasElement);
    await expectFormError(canvasElement, format(en['error.RATE_LIMITED_RETRY'], { seconds: 30 }, 'en'));
    const { sent } = loaded['faults'] as FaultStory;
    await expect(sent).toContain('/api/v1/sso/discover');
    await expect(sent, 'the password was not sent').not.toContain('/api/v1/auth/signin');
    await expect(await input(canvasElement, 'password')).toHaveValue(DEMO_LOGIN.password);
  },
};

/**
 * Wrong passwords lock the account for a while: the server's own lockout, lowered to lock after
 * the first failure. The right password then gets 423 ACCOUNT_LOCKED, and the alert says what to do.
 */
export const AccountLocked: Story = {
  loaders: [withFaults({ rateLimit: { lockout: { freeFailures: 1 } } })],
  render: (args, { loaded }) => faultsRender(args, loaded),
  play: async ({ canvasElement }) => {
    await wrongPasswordOnce(canvasElement);
    const errors = errorsOf(canvasElement);
    await fill(canvasElement, DEMO_LOGIN);
    await submit(canvasElement);
    await waitFor(() => expect(errors.map((e) => e.code)).toEqual(['ACCOUNT_LOCKED']), WAIT);
    await expectFormError(canvasElement, en['error.ACCOUNT_LOCKED']);
    await expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent(en['signIn.title']);
  },
};

/**
 * The server is out of reach: every request fails as `fetch` does then (TypeError). The SSO
 * lookup gets no answer, so the password is not sent, and the alert gives the network message.
 */
export const ServerUnreachable: Story = {
  loaders: [withFaults({ unreachable: /^\/api\// })],
  render: (args, { loaded }) => faultsRender(args, loaded),
  play: async ({ canvasElement, loaded }) => {
    await fill(canvasElement, DEMO_LOGIN);
    await submit(canvasElement);
    await expectFormError(canvasElement, en['error.NETWORK_ERROR']);
    await expect((loaded['faults'] as FaultStory).sent).not.toContain('/api/v1/auth/signin');
    await expect(await input(canvasElement, 'email')).toHaveValue(DEMO_LOGIN.email);
  },
};
