/**
 * @janua/testing: helpers for an app's own Playwright tests against a Janua server (the
 * reference server in dev mode: `npx janua-server --dev --seed`).
 *
 *   const user = await createUser(API, { totp: true });
 *   await signInWithApi(context.request, user, { api: API });   // or signInThroughUi(page, user)
 *   await context.storageState({ path: 'signed-in.json' });
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { freshTotp } from './totp.ts';

export { totp, freshTotp, type TotpOptions } from './totp.ts';
export { addVirtualAuthenticator, type VirtualAuthenticator, type VirtualAuthenticatorOptions } from './authenticator.ts';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  /** The TOTP secret when the user was created with `totp: true`. */
  totpSecret?: string;
  backupCodes?: string[];
}

export interface CreateUserOptions {
  email?: string;
  password?: string;
  firstName?: string;
  lastName?: string;
  /** Turn TOTP on (enable, then confirm with a code computed from the secret). */
  totp?: boolean;
  fetch?: typeof fetch;
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

/** A password the server's rules accept, different every call. */
export function strongPassword(): string {
  return `Correct-Horse-${Math.random().toString(36).slice(2, 10)}-42`;
}

const base = (api: string) => api.replace(/\/+$/, '');

async function call(f: typeof fetch, url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const res = await f(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * Signs a new user up straight through the API (no browser, no cookie left anywhere), optionally
 * with TOTP on, and ends that sign-up's session.
 */
export async function createUser(api: string, options: CreateUserOptions = {}): Promise<TestUser> {
  const f = options.fetch ?? fetch;
  const user = {
    email: options.email ?? uniqueEmail(),
    password: options.password ?? strongPassword(),
    firstName: options.firstName ?? 'Ada',
    lastName: options.lastName ?? `Lovelace${Math.random().toString(36).slice(2, 6)}`,
  };
  const signUp = await call(f, `${base(api)}/api/v1/auth/signup`, {
    email: user.email, password: user.password, first_name: user.firstName, last_name: user.lastName,
  });
  const token = (signUp['tokens'] as { access_token: string }).access_token;
  const created: TestUser = { ...user, id: (signUp['user'] as { id: string }).id };
  if (options.totp) {
    const setup = await call(f, `${base(api)}/api/v1/mfa/enable`, { password: user.password }, token);
    created.totpSecret = setup['secret'] as string;
    created.backupCodes = setup['backup_codes'] as string[];
    await call(f, `${base(api)}/api/v1/mfa/verify`, { code: await freshTotp(created.totpSecret) }, token);
  }
  await call(f, `${base(api)}/api/v1/auth/signout`, {}, token);
  return created;
}

/**
 * Signs in through the API with a Playwright request context: `context.request` (or
 * `page.request`) shares the browser context's cookies, so its pages start signed in (the
 * server's refresh cookie restores the session); a standalone `request.newContext()` gives a
 * storage state to save. A TOTP user's second step is answered with a code from the secret.
 */
export async function signInWithApi(request: APIRequestContext, user: Pick<TestUser, 'email' | 'password' | 'totpSecret'>, { api }: { api: string }): Promise<{ userId: string }> {
  const post = async (path: string, data: unknown) => {
    const res = await request.post(`${base(api)}/api/v1${path}`, { data });
    if (!res.ok()) throw new Error(`POST ${path} answered ${res.status()}: ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  let answer = await post('/auth/signin', { email: user.email, password: user.password });
  if (answer['mfa_required']) {
    if (!user.totpSecret) throw new Error(`signInWithApi: ${user.email} needs a second factor; pass totpSecret`);
    answer = await post('/mfa/challenge/verify', { mfa_token: answer['mfa_token'], code: await freshTotp(user.totpSecret) });
  }
  return { userId: (answer['user'] as { id: string }).id };
}

/**
 * Signs in the way a person does: fills the `<janua-sign-in>` form on the page (its light-DOM
 * inputs, found by their autocomplete tokens, so any locale works) and submits; a one-time-code
 * field that appears next (TOTP) gets a code from the secret. Resolves once the form is gone
 * or the code is submitted; assert the signed-in page yourself.
 */
export async function signInThroughUi(page: Page, user: Pick<TestUser, 'email' | 'password' | 'totpSecret'>, { form = 'janua-sign-in form' }: { form?: string } = {}): Promise<void> {
  const signIn = page.locator(form);
  await signIn.locator('input[autocomplete~="username"]').fill(user.email);
  await signIn.locator('input[autocomplete="current-password"]').fill(user.password);
  await signIn.locator('button[type="submit"]').click();
  if (!user.totpSecret) {
    await signIn.waitFor({ state: 'hidden' });
    return;
  }
  const code = page.locator('input[autocomplete="one-time-code"]');
  await code.fill(await freshTotp(user.totpSecret));
  await code.press('Enter');
}

/** What the server "sent" to an address (dev mode only): emails and SMS, newest last. */
export async function readOutbox(api: string, to: string, f: typeof fetch = fetch): Promise<{ to: string; subject?: string; text?: string; link?: string; code?: string }[]> {
  const res = await f(`${base(api)}/api/v1/dev/outbox?to=${encodeURIComponent(to)}`);
  if (!res.ok) throw new Error(`GET /dev/outbox answered ${res.status} (is the server in --dev mode?)`);
  const body = (await res.json()) as unknown;
  return (Array.isArray(body) ? body : ((body as { messages?: unknown[] }).messages ?? [])) as never;
}
