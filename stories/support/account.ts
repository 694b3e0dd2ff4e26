import { JanuaClient } from '@janua/core';
import { DEMO_ACCOUNTS, DEMO_LOGIN } from '@janua/server';
import { createBrowserApp } from '@janua/server/browser';
import { DEMO_MFA } from '../../packages/server/src/mfa/seed.ts';
import { passkeysTable } from '../../packages/server/src/passkeys/tables.ts';
import { totp } from '../../tests/unit/totp.ts';
import type { FaultStory } from './faults.ts';
import { STORY_API } from './janua.ts';

/*
 * Account stories need the server as well as the client: passkeys to list, mail to read a link
 * from, other devices. This builds both (a fresh seeded server per story, like `withClient`),
 * the client in body mode so no cross-tab lock is ever held; the previous story's client is
 * destroyed. Loading states use `withClient` from janua.ts, which knows how to hold a restore.
 * Each client sends a browser's user agent, so the session list names its devices.
 */

type App = ReturnType<typeof createBrowserApp>;

export interface AccountStoryOptions {
  /** Who is signed in: the demo user (default), the demo MFA user (TOTP, SMS and backup codes on), a new account, nobody. */
  user?: 'demo' | 'mfa' | 'new' | 'none';
  /** Passkeys stored for the user, by name. */
  passkeys?: string[];
  /** Also signed in on this many other devices: an iPhone (Safari), then a Windows computer (Firefox). */
  otherDevices?: number;
  /**
   * The account has no password, as a social or SSO sign-in leaves it (`has_password: false`),
   * signed in just now or over the ten minutes in which that sign-in confirms a sensitive change.
   */
  noPassword?: 'recent' | 'stale';
}

export interface AccountStory {
  client: JanuaClient;
  app: App;
  email: string;
  /** The newest link of that kind the server mailed to the user. */
  link(path: string): Promise<string>;
}

let current: JanuaClient[] = [];

/**
 * The browsers the story's devices sign in from: this page's (Chrome on a Mac), then the others'.
 * A page cannot set its own User-Agent (the browser drops it from a script's Request), so the
 * in-page server would see none and name every session "Unknown device".
 */
export const DEVICE_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
] as const;

export const NEW_ACCOUNT = { email: 'new.user@example.com', password: 'A-new-account-2026', firstName: 'Nova', lastName: 'Reader' };
export const MFA_LOGIN = { email: DEMO_MFA.email, password: DEMO_MFA.password };

/** The demo MFA account's current TOTP code (its secret is published for the demos). */
export const demoTotp = (at = Date.now()) => totp(DEMO_MFA.totpSecret, at);

async function signIn(client: JanuaClient, who: AccountStoryOptions['user']): Promise<string> {
  if (who === 'none') return '';
  if (who === 'new') {
    await client.signUp(NEW_ACCOUNT);
    return NEW_ACCOUNT.email;
  }
  const login = who === 'mfa' ? MFA_LOGIN : DEMO_LOGIN;
  const result = await client.signIn(login);
  if (result.status === 'needs_mfa') await client.verifyMfa({ code: await demoTotp() });
  return login.email;
}

export async function accountStory(options: AccountStoryOptions = {}): Promise<AccountStory> {
  for (const client of current) client.destroy();
  current = [];
  const app = createBrowserApp({ issuer: STORY_API, seed: true });
  await app.ready;
  // The server in this tab reads whatever headers it is handed: the device's agent among them.
  const fetchFrom = (userAgent: string): typeof globalThis.fetch => (input, init) => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    headers.set('user-agent', userAgent);
    Object.defineProperty(request, 'headers', { value: headers });
    return app.fetch(request);
  };
  const make = (device = 0) => {
    const client = new JanuaClient({ api: STORY_API, fetch: fetchFrom(DEVICE_AGENTS[device % DEVICE_AGENTS.length]!),
      refreshTransport: 'body', crossTab: false });
    current.push(client);
    return client;
  };
  const client = make();
  await client.ready;
  const email = await signIn(client, options.user ?? 'demo');
  for (let device = 1; device <= (options.otherDevices ?? 0); device++) {
    const other = make(device);
    await other.ready;
    // The MFA user's other devices answer with backup codes: the TOTP step above is spent.
    const login = options.user === 'mfa' ? MFA_LOGIN : DEMO_ACCOUNTS.find((a) => a.email === email) ?? DEMO_LOGIN;
    const result = await other.signIn({ email: login.email, password: login.password });
    if (result.status === 'needs_mfa') await other.verifyMfa({ code: DEMO_MFA.backupCodes[device - 1]! });
  }
  if (options.noPassword) {
    const id = client.user!.id;
    app.ctx.users.update(id, { password_hash: null });
    if (options.noPassword === 'stale') app.ctx.sessions.sessions.updateWhere({ user_id: id }, { created_at: Date.now() - 11 * 60_000 });
    await client.updateUser({});
  }
  for (const [i, name] of (options.passkeys ?? []).entries()) {
    app.ctx.store.table(passkeysTable).insert({
      id: `story-passkey-${i}`, user_id: client.user!.id, credential_id: `story-credential-${i}`, public_key: 'story',
      sign_count: 0, transports: ['internal'], name, authenticator_attachment: 'platform', device_type: 'multiDevice',
      backed_up: true, created_at: Date.parse('2026-03-04T10:00:00Z'), last_used_at: i ? Date.parse('2026-11-20T08:30:00Z') : null,
    });
  }
  return {
    client, app, email,
    async link(path) {
      const res = await app.fetch(new Request(`${STORY_API}/api/v1/dev/outbox?to=${encodeURIComponent(email)}`));
      const mails = (await res.json()) as { link?: string }[];
      return mails.reverse().find((m) => m.link?.includes(path))?.link ?? '';
    },
  };
}

/** Storybook loader: `loaders: [withAccount({...})]`, then `loaded.account` in render. */
export function withAccount(options: AccountStoryOptions = {}) {
  return async () => ({ account: await accountStory(options) });
}

/**
 * The client an account element's story renders on: a story's own `withClient` (its Loading story,
 * a held restore) or `withFaults` (a list that fails to load) before the meta's `withAccount`,
 * whose loader runs for every story of the file.
 */
export const accountClient = (loaded: Record<string, unknown>): JanuaClient =>
  (loaded['client'] as JanuaClient | undefined) ?? (loaded['faults'] as FaultStory | undefined)?.client
  ?? (loaded['account'] as AccountStory).client;

/** The light-DOM region of one account section (`data-janua-region`). */
export const sectionRegion = (root: HTMLElement, name: string): HTMLElement => root.querySelector<HTMLElement>(`[data-janua-region="${name}"]`)!;

/** Ten backup codes of the server's shape, for stories that show a new set. */
export const SAMPLE_CODES = ['k7qm-2xv9-rt4p', 'b3nw-8hcz-q5ld', 'p9ft-4mye-z2ks', 'w6gj-3rvb-n8ca', 'd2xh-7tqp-m4we',
  'h5cr-9kzn-v3fb', 'q8vd-2wmt-j6ry', 'z4la-6pxe-c9nh', 'f7bk-5yqs-t2gm', 'm3ep-8dvw-x6kj'];
