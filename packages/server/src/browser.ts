import { createApp, type JanuaApp } from './app.ts';
import { createListPolicy, createPbkdf2Hasher } from './auth/password.ts';
import type { AppOptions } from './context.ts';
import { seedDemo } from './seed.ts';
import { createMemoryStore } from './store/memory.ts';

export interface BrowserAppOptions extends Partial<Omit<AppOptions, 'store' | 'hasher'>> {
  /** Create the demo accounts (DEMO_ACCOUNTS); `app.ready` waits for them. */
  seed?: boolean;
  /**
   * PBKDF2 iterations. Default 50,000: far below the 600,000 a real deployment wants, chosen
   * so a Storybook page or a browser test signs up in tens of milliseconds. Data lives in the
   * tab's memory only, so the weaker cost protects nothing real.
   */
  pbkdf2Iterations?: number;
}

/**
 * The same API running inside a browser tab: memory store, Web Crypto PBKDF2, the short
 * password list, dev mode on.
 * Point a client at it with `fetch: (input, init) => app.fetch(new Request(input, init))`.
 */
export function createBrowserApp(options: BrowserAppOptions = {}): JanuaApp {
  const { seed, pbkdf2Iterations, ...rest } = options;
  const issuer = rest.issuer ?? (typeof location !== 'undefined' ? location.origin : 'http://localhost');
  const app = createApp({
    dev: true,
    log: () => undefined,
    ...rest,
    issuer,
    store: createMemoryStore(),
    hasher: createPbkdf2Hasher(pbkdf2Iterations ?? 50_000),
    // The short list, not zxcvbn: its dictionaries would add ~1.5 MB to every Storybook page,
    // and a tab's demo accounts protect nothing (README, Passwords).
    passwordPolicy: rest.passwordPolicy ?? createListPolicy(),
  });
  if (!seed) return app;
  const ready = app.ready.then(() => seedDemo(app.ctx)).then(() => undefined);
  return { ...app, ready };
}
