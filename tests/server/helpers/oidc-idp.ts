/**
 * A real OpenID provider (oidc-provider 9) on 127.0.0.1 for the social sign-in and SSO tests,
 * and a browser stand-in that walks its login and consent pages with fetch and a cookie jar.
 * Nothing here answers with canned JSON: discovery, JWKS, the token endpoint, PKCE checks and
 * ID token signing are the provider's own.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

export interface IdpUser {
  email: string;
  email_verified?: boolean;
  given_name?: string;
  family_name?: string;
}

export interface IdpClientConfig {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post';
}

export interface TestIdp {
  issuer: string;
  users: Map<string, IdpUser>;
  close(): Promise<void>;
}

export async function startIdp(clients: IdpClientConfig[], users: Record<string, IdpUser>): Promise<TestIdp> {
  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test-idp-1' };
  const accounts = new Map(Object.entries(users));
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({ token_endpoint_auth_method: 'client_secret_basic', ...c, grant_types: ['authorization_code'], response_types: ['code'] })),
    jwks: { keys: [jwk] },
    cookies: { keys: ['janua-test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['given_name', 'family_name', 'name'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    // Explicit lifetimes (seconds), which also keeps the provider from printing a notice per default.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    findAccount: async (_ctx: unknown, id: string) => {
      const user = accounts.get(id);
      if (!user) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...user }) };
    },
  });
  // The provider logs its dev-interaction warnings through this event; the tests do not need them.
  provider.on('server_error', () => undefined);
  server.on('request', provider.callback());
  return {
    issuer,
    users: accounts,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/**
 * Plays the browser at the provider: follows its redirects, keeps its cookies, signs in as
 * `login` on the dev login page and consents, and returns the URL the provider finally sends
 * the browser to (our callback with `code` and `state`, or with `error`).
 */
export async function browseToCallback(authorizationUrl: string, login: string, stopAt: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  };
  let url = new URL(authorizationUrl);
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop++) {
    if (url.href.startsWith(stopAt)) return url;
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader() } });
    remember(response);
    init = {};
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`IdP answered ${response.status} at ${url.pathname}: ${html.slice(0, 300)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`IdP page without a form at ${url.pathname}`);
    const form = new URLSearchParams({ prompt });
    if (prompt === 'login') {
      form.set('login', login);
      form.set('password', 'any');
    }
    url = new URL(action.replace(/&amp;/g, '&'), url);
    init = { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('IdP: too many redirects');
}

/** The browser-binding cookie an authorize (or SSO initiate) answer set, as `name=value` for a Cookie header. */
export function bindingCookie(headers: Headers): string {
  const line = headers.getSetCookie().find((c) => c.startsWith('janua_oauth_'));
  assert.ok(line, 'the flow sets its browser-binding cookie');
  return line.split(';')[0]!;
}
