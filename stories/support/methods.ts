import { JanuaClient, requestMagicLink } from '@janua/core';
import { DEMO_LOGIN } from '@janua/server';
import { createBrowserApp } from '@janua/server/browser';
import { oneTimeTokensTable } from '../../packages/server/src/recovery/one-time-tokens.ts';
import { ssoService } from '../../packages/server/src/sso/service.ts';
import { demoTotp, MFA_LOGIN } from './account.ts';
import { STORY_API } from './janua.ts';

/*
 * The sign-in methods' stories: a fresh seeded reference server in the page per story (as
 * `withClient`), with what a method needs of the server: social providers configured, an
 * organization whose email domain signs in with SSO, a second-factor step already owed, a
 * sign-in link in the outbox. The previous story's clients are destroyed.
 */

type App = ReturnType<typeof createBrowserApp>;

export interface MethodsStoryOptions {
  /** GitHub and Google configured as social providers (their buttons show; a click would leave for them). */
  providers?: boolean;
  /** `corp.example` addresses sign in through their organization's identity provider. */
  sso?: boolean;
  /** The demo MFA account has passed its password: the page's client holds the owed step. */
  mfaPending?: boolean;
  /**
   * Before that, another tab (its own client) finished a sign-in of the same account with the
   * app's current code: `usedCode`, which this page's client never saw.
   */
  codeUsedElsewhere?: boolean;
}

export interface MethodsStory {
  client: JanuaClient;
  app: App;
  /** Asks the server for a sign-in link to `email` and returns its token (the link is the outbox's). */
  linkToken(email: string): Promise<string>;
  /** The code another tab signed in with (`codeUsedElsewhere`), else ''. */
  usedCode: string;
  /** Lets every owed second-factor step lapse on the server, as its 5 minutes would. */
  endSteps(): void;
}

/** The address of the SSO domain's stories. */
export const SSO_EMAIL = 'alex@corp.example';
export { DEMO_LOGIN, MFA_LOGIN };

let current: JanuaClient[] = [];

export async function methodsStory(options: MethodsStoryOptions = {}): Promise<MethodsStory> {
  for (const client of current) client.destroy();
  current = [];
  const app = createBrowserApp({
    issuer: STORY_API, seed: true, frontendUrl: location.origin,
    ...(options.providers ? { oauth: { providers: [
      { id: 'github', client_id: 'storybook', client_secret: 'storybook-secret' },
      { id: 'google', client_id: 'storybook', client_secret: 'storybook-secret' },
    ] } } : {}),
  });
  await app.ready;
  const fetch: typeof globalThis.fetch = (input, init) => app.fetch(new Request(input, init));
  const make = () => {
    const client = new JanuaClient({ api: STORY_API, fetch, refreshTransport: 'body', crossTab: false });
    current.push(client);
    return client;
  };
  if (options.sso) {
    const owner = make();
    await owner.ready;
    await owner.signIn(DEMO_LOGIN);
    const org = await owner.request<{ id: string }>('POST', '/organizations/', { name: 'Corp', slug: 'corp' });
    ssoService(app.ctx).configure(org.id, { issuer: 'https://id.corp.example', client_id: 'janua', domains: ['corp.example'] });
    await owner.signOut();
  }
  let usedCode = '';
  if (options.codeUsedElsewhere) {
    const other = make();
    await other.ready;
    await other.signIn(MFA_LOGIN);
    usedCode = await demoTotp();
    await other.verifyMfa({ code: usedCode });
    await other.signOut();
  }
  const client = make();
  await client.ready;
  if (options.mfaPending) {
    const result = await client.signIn(MFA_LOGIN);
    if (result.status !== 'needs_mfa') throw new Error(`the demo MFA account did not owe a second factor: ${result.status}`);
  }
  return {
    client, app, usedCode,
    endSteps() {
      app.ctx.store.table(oneTimeTokensTable).updateWhere({ purpose: 'mfa_challenge', used_at: null }, { expires_at: app.ctx.now() });
    },
    async linkToken(email) {
      // Asked for through the page's client, as the sign-in card asks: the landing page then
      // knows this browser asked, and signs in without a question.
      await requestMagicLink(client, { email });
      const res = await app.fetch(new Request(`${STORY_API}/api/v1/dev/outbox?to=${encodeURIComponent(email)}`));
      const link = ((await res.json()) as { link?: string }[]).reverse().find((m) => m.link?.includes('/magic-link?'))?.link;
      if (!link) throw new Error(`no sign-in link was mailed to ${email}`);
      return new URL(link).searchParams.get('token')!;
    },
  };
}

/** Storybook loader: `loaders: [withMethods({...})]`, then `loaded.methods` in render. */
export function withMethods(options: MethodsStoryOptions = {}) {
  return async () => ({ methods: await methodsStory(options) });
}
