/**
 * Wires JanuaClient to the real reference server in-process: every request the client makes
 * goes through `createTestApp().fetch`, recorded so tests can count what the server received.
 */
import { createTestApp } from '../../packages/server/src/testing.ts';
import { JanuaClient, type JanuaClientOptions } from '../../packages/core/src/index.ts';

export const API = 'http://janua.test';

export interface Call {
  method: string;
  path: string;
  body: unknown;
  headers: Headers;
  credentials: RequestCredentials | undefined;
  status: number;
}

export interface Harness {
  app: ReturnType<typeof createTestApp>;
  /** Every request, in order, with the status the server gave it. */
  calls: Call[];
  /** Every token string the server handed out, to prove none leaks into state or messages. */
  secrets: Set<string>;
  /** While set, requests to matching paths fail like a dead network. */
  offline: RegExp | null;
  fetch: typeof fetch;
  client(options?: Partial<JanuaClientOptions>): JanuaClient;
  paths(): string[];
  destroy(): void;
}

export async function harness(overrides?: Parameters<typeof createTestApp>[0]): Promise<Harness> {
  const app = createTestApp(overrides);
  const clients: JanuaClient[] = [];
  const h: Harness = {
    app,
    calls: [],
    secrets: new Set(),
    offline: null,
    fetch: async (input, init) => {
      const req = new Request(input, init);
      const path = new URL(req.url).pathname.replace(/^\/api\/v1/, '');
      if (h.offline?.test(path)) throw new TypeError('fetch failed');
      const text = await req.clone().text();
      const res = await app.fetch(req, { ip: '127.0.0.1' });
      h.calls.push({
        method: req.method, path, body: text ? JSON.parse(text) : undefined,
        headers: req.headers, credentials: init?.credentials, status: res.status,
      });
      collectSecrets(await res.clone().text(), h.secrets);
      return res;
    },
    client(options = {}) {
      const client = new JanuaClient({
        api: API, fetch: h.fetch, refreshTransport: 'body', crossTab: false, ...options,
      });
      clients.push(client);
      return client;
    },
    paths() {
      return h.calls.map((c) => `${c.method} ${c.path} ${c.status}`);
    },
    destroy() {
      for (const c of clients) c.destroy();
    },
  };
  return h;
}

function collectSecrets(text: string, into: Set<string>): void {
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const tokens = (json.tokens ?? json) as Record<string, unknown>;
    for (const key of ['access_token', 'refresh_token']) {
      if (typeof tokens[key] === 'string') into.add(tokens[key] as string);
    }
    if (typeof json.mfa_token === 'string') into.add(json.mfa_token);
  } catch {
    // Not JSON: carries no tokens.
  }
}

let counter = 0;
/** A fresh, valid sign-up each call. */
export function newUser(): { email: string; password: string; firstName: string; lastName: string } {
  counter += 1;
  return { email: `user${counter}-${Date.now()}@example.com`, password: 'correct horse battery 9', firstName: 'Ada', lastName: 'Lovelace' };
}

export function containsSecret(value: unknown, secrets: Set<string>): boolean {
  const text = JSON.stringify(value);
  for (const s of secrets) if (text.includes(s)) return true;
  return false;
}
