import { JanuaClient, type JanuaClientOptions } from '@janua/core';
import { createBrowserApp, type BrowserAppOptions } from '../../packages/server/src/browser.ts';
import { API, PASSWORD, TEST_KDF_ITERATIONS, uniqueEmail, type Received } from './helpers.ts';
import { totp } from './totp.ts';

/**
 * The reference server in this tab (as `startServer` in helpers.ts), with any app option the
 * sign-in methods need (social providers, the outbound fetch of OIDC), and clients that may carry
 * their own clock.
 */
export async function startMethodsServer(options: Partial<BrowserAppOptions> = {}) {
  const app = createBrowserApp({ issuer: API, rateLimit: false, pbkdf2Iterations: TEST_KDF_ITERATIONS, ...options });
  await app.ready;
  const received: Received[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    received.push({ method: request.method, path: new URL(request.url).pathname + new URL(request.url).search, body: await request.clone().text() });
    return app.fetch(request);
  };
  const makeClient = (extra: Partial<JanuaClientOptions> = {}) =>
    new JanuaClient({ api: API, fetch, refreshTransport: 'body', crossTab: false, ...extra });
  const client = makeClient();
  await client.ready;
  return {
    app, client, fetch, received, makeClient,
    /** Every body the server received, joined: to prove what was never sent. */
    bodies: () => received.map((r) => r.body).join('\n'),
    /** The texts and mails the server "sent" to `to`. */
    outbox: (to: string) => app.ctx.outbox.list(to),
  };
}

export type MethodsServer = Awaited<ReturnType<typeof startMethodsServer>>;

/** Confirms the signed-in account's address with the link the server mailed it (the server wants the session). */
export async function verifyAddress(server: MethodsServer, email: string): Promise<void> {
  const link = server.outbox(email).find((m) => m.link?.includes('verify-email'))?.link;
  if (!link) throw new Error(`no verification link was mailed to ${email}`);
  await server.client.request('POST', '/auth/email/verify', { token: new URL(link).searchParams.get('token') });
}

/**
 * An account with a confirmed address and TOTP on (through the real API); the client is signed
 * out again. Confirmed, because a link sign-in to an unconfirmed account claims it and drops its factors.
 */
export async function totpAccount(server: MethodsServer) {
  const email = uniqueEmail();
  const client = server.client;
  await client.signUp({ email, password: PASSWORD });
  await verifyAddress(server, email);
  const enabled = await client.request<{ secret: string; backup_codes: string[] }>('POST', '/mfa/enable', { password: PASSWORD });
  // The code of the current 30 s step confirms the secret and is spent with it.
  await client.request('POST', '/mfa/verify', { code: await totp(enabled.secret) });
  await client.signOut();
  return { email, secret: enabled.secret, backupCodes: enabled.backup_codes };
}

/** The code of the next 30 s step: accepted (the server allows one step of drift) and never used yet. */
export const nextCode = (secret: string) => totp(secret, Date.now() + 30_000);

/** An account whose only second factor is a phone (SMS), enrolled with the code from the outbox. */
export async function smsAccount(server: MethodsServer, phone = `+1415555${Math.floor(1000 + Math.random() * 8999)}`) {
  const email = uniqueEmail();
  const client = server.client;
  await client.signUp({ email, password: PASSWORD });
  await client.request('POST', '/mfa/sms/enable', { password: PASSWORD, phone_number: phone });
  await client.request('POST', '/mfa/sms/verify', { code: lastCode(server, phone) });
  await client.signOut();
  return { email, phone };
}

export function lastCode(server: MethodsServer, to: string): string {
  const code = server.outbox(to).at(-1)?.code;
  if (!code) throw new Error(`no code was sent to ${to}`);
  return code;
}

/** Types a value the way a paste does: one input event carrying the whole text. */
export function paste(input: HTMLInputElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste', data: value }));
}

/** The text of an element's card alert (polite region), shadow roots included. */
export const alertOf = (el: Element): { text: string; variant: string | null } => {
  const alert = el.shadowRoot!.querySelector('janua-alert');
  return {
    text: alert?.shadowRoot?.querySelector('[part="base"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    variant: alert?.getAttribute('variant') ?? null,
  };
};

/** The element focused now, through shadow roots. */
export function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
