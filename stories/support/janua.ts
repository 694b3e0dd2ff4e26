import { JanuaClient } from '@janua/core';
import { DEMO_LOGIN } from '@janua/server';
import { createBrowserApp } from '@janua/server/browser';
import { errorBody } from '../../packages/server/src/http/errors.ts';

export { DEMO_LOGIN };

/*
 * Every story talks to a real reference server: the same app as `janua-server`, running in the
 * preview iframe on a memory store, reached through the client's `fetch` option. Each story gets
 * a fresh server and client, so one story's sign-in never leaks into the next.
 */

/** A made-up origin: requests never leave the page, but URLs and cookies need one. */
export const STORY_API = 'http://janua.storybook';

export interface StoryServerOptions {
  /**
   * Hold the server's answer to API paths matching `paths` for `ms` milliseconds, as a slow
   * network would: the real answer still arrives, late.
   */
  latency?: { paths: RegExp; ms: number };
  /** Answer API paths matching this with 503, in the server's error shape, as a down upstream would. */
  outage?: RegExp;
  /** Sign the seeded demo user in before the story renders. */
  signedIn?: boolean;
  /**
   * `body` (default) keeps the refresh token in memory, so a fresh client is signed out at once.
   * `cookie` makes the first restore ask the server, which lets a story hold or fail that call.
   */
  refreshTransport?: 'body' | 'cookie';
}

type App = Pick<ReturnType<typeof createBrowserApp>, 'fetch'>;

/**
 * The clients made for the story on screen. Storybook runs the component's loaders, then the
 * story's own (one level after the other; a later level's keys overwrite an earlier one's), so a
 * story that overrides the default client makes two; both go when the next story loads. (Keeping
 * only the last one made leaked the first: a leaked client holding a 10-minute refresh kept the
 * page's refresh lock, and the next story that restores a session hung.)
 */
let live: { story: string; client: JanuaClient; held: AbortController }[] = [];

/** The URL of each request `hold` is holding now, one entry per request. */
const holding = new Set<{ url: string }>();

/**
 * Waits `ms` (without `ms`, until the story ends), or rejects as a dropped connection would once
 * `signal` aborts. The organization stories hold their requests with it too. `url` (the held
 * request's) is listed in `heldRequests` until the wait ends.
 */
export function hold(ms: number | undefined, signal: AbortSignal, url = ''): Promise<void> {
  const ended = () => new DOMException('The story ended', 'AbortError');
  // A request the previous story's client sends after that story ended (its signal already
  // aborted) must fail at once: the abort event has fired, and a 10-minute hold would keep the
  // page's refresh lock from the next story's client.
  if (signal.aborted) return Promise.reject(ended());
  const entry = { url };
  holding.add(entry);
  return new Promise<void>((resolve, reject) => {
    const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(ended());
    }, { once: true });
  }).finally(() => holding.delete(entry));
}

/**
 * The URLs of the requests held right now: a loading story's play waits for its own here, so a
 * story whose request was never held (the state shown for one render, then gone) fails.
 */
export function heldRequests(): string[] {
  return [...holding].map((entry) => entry.url);
}

/** An answer in the server's error shape (API.md), for faults the in-page server cannot make itself. */
export function errorResponse(status: number, code: string, message: string, details: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  const body = errorBody({ code, message, details } as Parameters<typeof errorBody>[0], `storybook-${crypto.randomUUID()}`, Date.now());
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

const unavailable = (): Response => errorResponse(503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable', {}, { 'retry-after': '30' });

/** A `fetch` that hands requests to the in-page server, with the story's latency or outage. */
function storyFetch(app: App, options: StoryServerOptions, held: AbortSignal): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (options.outage?.test(path)) return unavailable();
    if (options.latency?.paths.test(path)) await hold(options.latency.ms, held, request.url);
    return app.fetch(request);
  };
}

/** A client bound to a fresh, seeded reference server; the clients of earlier stories are destroyed. */
export async function storyClient(options: StoryServerOptions = {}, story = ''): Promise<JanuaClient> {
  // A request an earlier story held open would keep holding what it holds (the refresh lock,
  // for one) after Storybook moved on; drop it as a closed tab would.
  for (const old of live.filter((entry) => entry.story !== story)) {
    old.held.abort();
    old.client.destroy();
  }
  live = live.filter((entry) => entry.story === story);
  const app = createBrowserApp({ issuer: STORY_API, seed: true });
  await app.ready;
  const held = new AbortController();
  const client = new JanuaClient({
    api: STORY_API,
    fetch: storyFetch(app, options, held.signal),
    refreshTransport: options.refreshTransport ?? 'body',
    crossTab: false,
  });
  live.push({ story, client, held });
  // A held restore is the story itself (the loading state): do not wait for it.
  if (!options.latency?.paths.test('/api/v1/auth/refresh')) await client.ready;
  if (options.signedIn) {
    const result = await client.signIn(DEMO_LOGIN);
    if (result.status !== 'complete') throw new Error(`demo sign-in did not complete: ${result.status}`);
  }
  return client;
}

/** Storybook loader: `loaders: [withClient({...})]`, then `loaded.client` in render. */
export function withClient(options: StoryServerOptions = {}) {
  return async (context: { id: string }) => ({ client: await storyClient(options, context.id) });
}
