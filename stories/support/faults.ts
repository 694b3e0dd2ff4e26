import { JanuaClient, requestMagicLink } from '@janua/core';
import { createBrowserApp, type BrowserAppOptions } from '@janua/server/browser';
import { retryAfterError } from '../../packages/server/src/http/middleware.ts';
import { demoTotp, MFA_LOGIN } from './account.ts';
import { DEMO_LOGIN, errorResponse as answer, hold, STORY_API } from './janua.ts';

/*
 * The stories of what goes wrong between the page and the server: a fresh seeded reference
 * server per story (as `withClient`), with its own limits lowered so a story reaches them in a
 * try or two, and the faults the server cannot make itself: out of reach, a 5xx, a 429 from a
 * route it does not limit, an answer held back. The fetch notes each request's path, so a play can
 * tell what was sent (a password that must not be) and what is being held. The previous story's
 * client is destroyed and its held requests dropped.
 */

type App = ReturnType<typeof createBrowserApp>;

export interface FaultStoryOptions {
  /** The server's own sign-in limits and lockout, lowered (the real 429 and 423 answers). */
  rateLimit?: BrowserAppOptions['rateLimit'];
  /** Requests to matching API paths fail as `fetch` does when the server is out of reach (TypeError). */
  unreachable?: RegExp;
  /** Matching API paths answer 503 in the server's error shape, as a down upstream would. */
  outage?: RegExp;
  /** Matching API paths answer 404 NOT_FOUND, as a server without that route (an extension) does. */
  missing?: RegExp;
  /** Matching API paths answer 429 RATE_LIMITED with this Retry-After, as the server's limits do. */
  tooMany?: { paths: RegExp; seconds: number };
  /** Matching API paths get no answer until the story ends. */
  hold?: RegExp;
  /** The page's client signs in first, before any fault applies: the demo user, or the demo MFA user (with its TOTP code). */
  user?: 'demo' | 'mfa';
}

export interface FaultStory {
  client: JanuaClient;
  app: App;
  /** The API path of every request the page's client sent, in order. */
  sent: string[];
  /** How many requests are being held right now. */
  held(): number;
  /** Asks the server for a sign-in link to `email` and returns its token (as the emailed link would carry it). */
  linkToken(email: string): Promise<string>;
  /** Ends the faults: from now on the server answers as itself, as after an outage (a "Try again" then goes through). */
  lift(): void;
}

let previous: { client: JanuaClient; held: AbortController } | undefined;

export async function faultStory(options: FaultStoryOptions = {}): Promise<FaultStory> {
  previous?.held.abort();
  previous?.client.destroy();
  const app = createBrowserApp({ issuer: STORY_API, seed: true, frontendUrl: location.origin, rateLimit: options.rateLimit });
  await app.ready;
  const stop = new AbortController();
  const sent: string[] = [];
  let holding = 0;
  // Off while `user` signs in, and again once lifted.
  let faulty = !options.user;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    sent.push(path);
    if (!faulty) return app.fetch(request);
    if (options.unreachable?.test(path)) throw new TypeError('Failed to fetch');
    if (options.outage?.test(path)) return answer(503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable');
    if (options.missing?.test(path)) return answer(404, 'NOT_FOUND', `No route for ${request.method} ${path}`);
    if (options.tooMany?.paths.test(path)) {
      const error = retryAfterError(options.tooMany.seconds);
      return answer(error.status, error.code, error.message, error.details, error.headers);
    }
    if (options.hold?.test(path)) {
      holding++;
      try {
        await hold(undefined, stop.signal, request.url);
      } finally {
        holding--;
      }
    }
    return app.fetch(request);
  };
  const client = new JanuaClient({ api: STORY_API, fetch, refreshTransport: 'body', crossTab: false });
  previous = { client, held: stop };
  await client.ready;
  if (options.user) {
    const result = await client.signIn(options.user === 'mfa' ? MFA_LOGIN : DEMO_LOGIN);
    if (result.status === 'needs_mfa') await client.verifyMfa({ code: await demoTotp() });
    faulty = true;
  }
  return {
    client, app, sent,
    held: () => holding,
    lift: () => void (faulty = false),
    async linkToken(email) {
      // Asked for through the page's client, as the sign-in card asks: the landing page then
      // knows this browser asked, and signs in without a question.
      await requestMagicLink(client, { email });
      const link = app.ctx.outbox.list(email).filter((m) => m.link?.includes('/magic-link?')).at(-1)?.link;
      if (!link) throw new Error(`no sign-in link was mailed to ${email}`);
      return new URL(link).searchParams.get('token')!;
    },
  };
}

/** An error answer in the shape the server gives (API.md). */
/** Storybook loader: `loaders: [withFaults({...})]`, then `loaded.faults` in render. */
export function withFaults(options: FaultStoryOptions = {}) {
  return async () => ({ faults: await faultStory(options) });
}
