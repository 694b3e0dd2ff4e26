import { JanuaClient } from '@janua/core';
import { createBrowserApp, type BrowserAppOptions } from '../../packages/server/src/browser.ts';

export const API = 'http://janua.test';

/**
 * PBKDF2 iterations of the in-browser server in these tests: real Web Crypto hashing at a test's
 * cost, as `createTestApp` gives the Node tests (the default, 50,000, took 20 to 40 ms a hash, and
 * the suite hashes a password at every sign-up and sign-in, in three engines).
 */
export const TEST_KDF_ITERATIONS = 1_000;

export interface Received {
  method: string;
  path: string;
  body: string;
}

/**
 * The real reference server running in this tab (memory store, real hashing and JWTs) and a
 * client pointed at it. `received` lists what reached the server, for assertions about what was
 * (or was not) sent. `hold()` parks the next requests until `release()`, to observe pending UI.
 */
export async function startServer(options: { api?: string; rateLimit?: BrowserAppOptions['rateLimit'] } = {}) {
  const api = options.api ?? API;
  const app = createBrowserApp({ issuer: api, pbkdf2Iterations: TEST_KDF_ITERATIONS, ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}) });
  await app.ready;
  const received: Received[] = [];
  let gate: Promise<void> | null = null;
  let open: () => void = () => undefined;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    received.push({ method: request.method, path: new URL(request.url).pathname, body: await request.clone().text() });
    if (gate) await gate;
    return app.fetch(request);
  };
  const makeClient = (clientApi = api) =>
    new JanuaClient({ api: clientApi, fetch, refreshTransport: 'body', crossTab: false });
  const client = makeClient();
  await client.ready;
  return {
    app,
    client,
    fetch,
    received,
    makeClient,
    hold(): void {
      gate = new Promise((resolve) => (open = resolve));
    },
    release(): void {
      gate = null;
      open();
    },
  };
}

let n = 0;
export function uniqueEmail(): string {
  return `user${Date.now()}${++n}@example.com`;
}

export const PASSWORD = 'correct horse battery 9';

/** Creates an account through the real API, then signs the client out again. */
export async function createAccount(client: JanuaClient, fields: { firstName?: string; lastName?: string } = {}) {
  const email = uniqueEmail();
  await client.signUp({ email, password: PASSWORD, ...fields });
  await client.signOut();
  return email;
}

/** Types into a light-DOM input the way a user (or a password manager) would. */
export function type(input: HTMLInputElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
}

export const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

export async function until(check: () => unknown, what: string, timeout = 8000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Collects what would show up as an uncaught error in the page (thrown in a handler or an
 * unhandled rejection) until `stop()`, which returns the messages.
 */
export function watchPageErrors(): { stop(): string[] } {
  const messages: string[] = [];
  const onError = (e: ErrorEvent) => messages.push(String(e.error?.stack ?? e.message));
  const onRejection = (e: PromiseRejectionEvent) => messages.push(String((e.reason as Error)?.stack ?? e.reason));
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      return messages;
    },
  };
}

const PROBE = 'janua-test: rejection-order probe';

/**
 * What `watch` caught, once the page has reported every promise left rejected so far: it reports
 * them in the order they were rejected, so once a probe rejected now is reported, the rest are.
 */
export async function caughtSoFar(watch: { stop(): string[] }): Promise<string[]> {
  // The runner logs an unhandled rejection by catching it; the probe's is expected, so it declines.
  class Probe extends Promise<never> {
    override catch() {
      return this;
    }
  }
  // A string, not an Error: watchPageErrors keeps an Error's stack, which Firefox and WebKit write without the message.
  const probe = Probe.reject(PROBE);
  let reported = false;
  const onRejection = (e: PromiseRejectionEvent) => {
    if (e.promise !== probe) return;
    reported = true;
    e.preventDefault();
  };
  window.addEventListener('unhandledrejection', onRejection);
  try {
    await until(() => reported, 'the probe rejection to be reported');
  } finally {
    window.removeEventListener('unhandledrejection', onRejection);
  }
  return watch.stop().filter((message) => message !== PROBE);
}

/** The engine this page runs in (the element tests run in Chromium, Firefox and WebKitGTK). */
export const ENGINE: 'chromium' | 'firefox' | 'webkit' = /Firefox\//.test(navigator.userAgent)
  ? 'firefox'
  : /Chrom(?:e|ium)\//.test(navigator.userAgent) ? 'chromium' : 'webkit';

/**
 * Whether `emulateMedia` (print, prefers-reduced-motion, forced-colors) works here: the test
 * runner does it over the Chrome DevTools Protocol, which only the Chromium launcher speaks.
 */
export const CAN_EMULATE_MEDIA = ENGINE === 'chromium';

/**
 * Whether this browser has WebAuthn. WebKitGTK (the WebKit the element tests use) is built
 * without it, so there the kit offers no passkey and says so; tests of a passkey ceremony need it.
 */
export const HAS_WEBAUTHN = typeof globalThis.PublicKeyCredential === 'function' && !!navigator.credentials;

function quietResizeLoopNotice(event: ErrorEvent): void {
  if (/^ResizeObserver loop/.test(event.message)) event.stopImmediatePropagation();
}

/**
 * For a suite that opens popups and then restyles or re-renders under them: an open popup places
 * itself again inside its ResizeObserver callback (so it is never painted in the wrong place),
 * and where that changes a box by a fraction of a pixel WebKit reports "ResizeObserver loop
 * completed with undelivered notifications" as a page error: a notice that the rest is delivered
 * in the next frame, not a fault. Only that message is kept from failing the suite; any other
 * page error still fails it. Call inside `describe`.
 */
export function quietResizeLoopNotices(): void {
  // Capture: at the window, capturing listeners run before the test framework's error handler.
  before(() => window.addEventListener('error', quietResizeLoopNotice, { capture: true }));
  after(() => window.removeEventListener('error', quietResizeLoopNotice, { capture: true }));
}
