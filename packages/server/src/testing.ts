import { createApp, type JanuaApp } from './app.ts';
import type { AppOptions } from './context.ts';
import { createArgon2Hasher } from './auth/node-hashers.ts';
import { createMemoryStore } from './store/memory.ts';
import type { ApiSignInResponse } from '../../core/src/api-types.ts';

export interface TestClock {
  now(): number;
  /** Moves time forward (tokens expire, rate-limit windows slide). */
  advance(ms: number): void;
}

/** Real time plus an offset the test controls. */
export function createTestClock(start = Date.now()): TestClock {
  let offset = 0;
  const origin = Date.now();
  return {
    now: () => start + (Date.now() - origin) + offset,
    advance: (ms) => void (offset += ms),
  };
}

export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestApp {
  app: JanuaApp;
  fetch: JanuaApp['fetch'];
  store: AppOptions['store'];
  outbox: JanuaApp['ctx']['outbox'];
  clock: TestClock;
  issuer: string;
  /** JSON request through `app.fetch`; `ip` is the client address the app sees (default 127.0.0.1). */
  request<T = any>(
    method: string,
    path: string,
    init?: { body?: unknown; token?: string; headers?: Record<string, string>; ip?: string },
  ): Promise<TestResponse<T>>;
  /** Signs up a fresh user (unique email unless given) and returns the answer. */
  signUp(fields?: Record<string, unknown>): Promise<ApiSignInResponse & { password: string }>;
}

let counter = 0;

/** The cheap Argon2id of tests: 1 MiB, one pass. Never used outside tests (the flag says so). */
export const TEST_HASH_PARAMS = { memoryCost: 1024, timeCost: 1, insecureForTests: true } as const;

/**
 * The app for Node tests: memory store, real Argon2id at a cost far below OWASP's floor (1 MiB,
 * one pass: TEST_HASH_PARAMS, allowed only through its explicit `insecureForTests` flag), the
 * real zxcvbn password policy, dev on, quiet log, a movable clock. Anything in AppOptions can be
 * overridden.
 */
export function createTestApp(overrides: Partial<AppOptions> = {}): TestApp {
  const clock = createTestClock();
  const issuer = overrides.issuer ?? 'http://127.0.0.1:8787';
  const store = overrides.store ?? createMemoryStore();
  const app = createApp({
    store,
    hasher: createArgon2Hasher(TEST_HASH_PARAMS),
    dev: true,
    now: clock.now,
    log: () => undefined,
    ...overrides,
    issuer,
  });
  const request: TestApp['request'] = async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    if (init.token) headers['authorization'] = `Bearer ${init.token}`;
    const response = await app.fetch(new Request(new URL(path, issuer), { method, headers, body }), { ip: init.ip ?? '127.0.0.1' });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Left as text: a test asserting on JSON will then fail visibly.
    }
    return { status: response.status, headers: response.headers, body: parsed as any };
  };
  const signUp: TestApp['signUp'] = async (fields = {}) => {
    const password = (fields['password'] as string | undefined) ?? 'Correct-horse-battery-9';
    const email = (fields['email'] as string | undefined) ?? `user${++counter}.${Date.now()}@example.test`;
    const res = await request('POST', '/api/v1/auth/signup', { body: { first_name: 'Test', ...fields, email, password } });
    if (res.status !== 201) throw new Error(`signUp failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...res.body, password };
  };
  return { app, fetch: app.fetch, store, outbox: app.ctx.outbox, clock, issuer, request, signUp };
}
