/**
 * Browser pieces Node lacks, played for the core tests against the real server: a cookie jar,
 * navigator.locks, a tab listening on the channel, and WebAuthn backed by the software
 * authenticator of the server tests (real keys, real signatures, verified by the real server).
 */
import assert from 'node:assert/strict';
import { SoftAuthenticator } from '../server/helpers/soft-authenticator.ts';
import type { AuthSnapshot, JanuaClient, JanuaClientOptions } from '../../packages/core/src/index.ts';
import { forgetWarnings } from '../../packages/core/src/diagnostics.ts';
import { API, newUser, type Harness } from './helpers.ts';
import { until } from '../server/helpers/until.ts';

export { until };

/**
 * Waits until `tab` has handled every message posted on the tabs' channel so far: a tab gets them
 * in the order they were posted, so once it shows a `user` message posted now (its own user
 * again, as a new object), it has handled every earlier one. Posts on `from`, or on a channel of
 * its own. Returns the tab's snapshot then.
 */
export async function caughtUp(tab: JanuaClient, from?: BroadcastChannel): Promise<AuthSnapshot> {
  const user = tab.getSnapshot().user;
  assert.ok(user, 'a signed-in tab to send the probe to');
  const channel = from ?? new BroadcastChannel(`janua:${API}`);
  try {
    channel.postMessage({ type: 'user', user });
    await until(() => tab.getSnapshot().user !== user, 'the tab to handle a message posted after the others');
  } finally {
    if (!from) channel.close();
  }
  return tab.getSnapshot();
}

/** A client signed up as a fresh user. */
export async function signedUp(h: Harness, options: Partial<JanuaClientOptions> = {}): Promise<{
  client: JanuaClient; email: string; password: string; id: string;
}> {
  const u = newUser();
  const client = h.client(options);
  const result = await client.signUp(u);
  assert.ok(result.status === 'complete');
  return { client, email: u.email, password: u.password, id: result.user.id };
}

/** The calls the server got since `from` (an index into h.calls), as "METHOD /path status". */
export function since(h: Harness, from: number): string[] {
  return h.calls.slice(from).map((c) => `${c.method} ${c.path} ${c.status}`);
}

/** Listens on the clients' channel like another tab would. */
export function listen(): { messages: Record<string, unknown>[]; close(): void } {
  const channel = new BroadcastChannel(`janua:${API}`);
  const messages: Record<string, unknown>[] = [];
  channel.onmessage = (e) => messages.push(e.data as Record<string, unknown>);
  return { messages, close: () => channel.close() };
}

/**
 * One browser's cookie jar: keeps the HttpOnly refresh cookie the real server sets on
 * credentialed answers, sends it back to its path, and adds the Origin header a browser adds.
 */
export function browser(h: Harness): { jar: Map<string, string>; fetch: typeof fetch } {
  const jar = new Map<string, string>();
  const f: typeof fetch = async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init.headers);
    headers.set('Origin', new URL(API).origin);
    if (init.credentials === 'include' && url.pathname.startsWith('/api/v1/auth') && jar.size) {
      headers.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const res = await h.fetch(input, { ...init, headers });
    if (init.credentials === 'include') {
      for (const line of res.headers.getSetCookie()) {
        const [pair = '', ...attrs] = line.split(';');
        const eq = pair.indexOf('=');
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        const gone = value === '' || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
        if (gone) jar.delete(name);
        else jar.set(name, value);
      }
    }
    return res;
  };
  return { jar, fetch: f };
}

type Nav = { locks?: unknown; credentials?: unknown };

function setNavigator(patch: Nav): () => void {
  const g = globalThis as { navigator?: Nav };
  const before = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: { ...g.navigator, ...patch }, configurable: true, writable: true });
  return () => {
    if (before) Object.defineProperty(globalThis, 'navigator', before);
    else delete g.navigator;
  };
}

/** navigator.locks as browsers have it (Node 20 has none): exclusive, FIFO per name. */
export function installLocks(): { granted: string[]; uninstall(): void } {
  const queues = new Map<string, Promise<unknown>>();
  const granted: string[] = [];
  const locks = {
    request(name: string, callback: (lock: { name: string; mode: string }) => unknown): Promise<unknown> {
      const run = (queues.get(name) ?? Promise.resolve()).then(() => {
        granted.push(name);
        return callback({ name, mode: 'exclusive' });
      });
      queues.set(name, run.catch(() => undefined));
      return run;
    },
  };
  return { granted, uninstall: setNavigator({ locks }) };
}

const b64 = (data: ArrayBuffer | ArrayBufferView): string =>
  Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)).toString('base64url');
const buf = (text: string): ArrayBuffer => new Uint8Array(Buffer.from(text, 'base64url')).buffer;

export interface WebAuthnControl {
  authenticator: SoftAuthenticator;
  /** User verification the authenticator reports (PIN, biometrics); default true. */
  uv: boolean;
  /** The next ceremony fails with this DOMException name (the user dismissing it: NotAllowedError). */
  failNext: string | null;
  /** Ceremonies wait (like a browser waiting for the user) until `release()` or an abort. */
  hold: boolean;
  release(): void;
  /** `mediation` of every get(): 'conditional' for autofill. */
  gets: string[];
  autofill: boolean;
  uninstall(): void;
}

/**
 * navigator.credentials and PublicKeyCredential for the kit's WebAuthn glue, backed by a
 * SoftAuthenticator that signs as a page at `origin` would.
 */
export function installWebAuthn(origin: string): WebAuthnControl {
  let release: () => void = () => undefined;
  const wait = (signal?: AbortSignal) => new Promise<void>((resolve, reject) => {
    if (!control.hold) return resolve();
    release = resolve;
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  const fail = () => {
    const name = control.failNext;
    control.failNext = null;
    if (name) throw new DOMException('The operation either timed out or was not allowed.', name);
  };
  const credentials = {
    async create(options: CredentialCreationOptions) {
      const pk = options.publicKey!;
      await wait(options.signal ?? undefined);
      fail();
      const excluded = (pk.excludeCredentials ?? []).map((c) => b64(c.id as ArrayBuffer));
      if (control.authenticator.credentials.some((c) => excluded.includes(c.id))) {
        throw new DOMException('The authenticator was previously registered', 'InvalidStateError');
      }
      const cred = await control.authenticator.register(
        { challenge: b64(pk.challenge as ArrayBuffer), rp: { id: pk.rp.id }, user: { id: b64(pk.user.id as ArrayBuffer) } },
        { origin, uv: control.uv },
      );
      return {
        id: cred.id, rawId: buf(cred.rawId), type: cred.type, authenticatorAttachment: cred.authenticatorAttachment,
        response: {
          clientDataJSON: buf(cred.response.clientDataJSON),
          attestationObject: buf(cred.response.attestationObject),
          getTransports: () => cred.response.transports,
        },
        getClientExtensionResults: () => ({}),
      };
    },
    async get(options: CredentialRequestOptions & { mediation?: string }) {
      const pk = options.publicKey!;
      control.gets.push(options.mediation ?? 'optional');
      await wait(options.signal ?? undefined);
      fail();
      const cred = await control.authenticator.authenticate(
        {
          challenge: b64(pk.challenge as ArrayBuffer), rpId: pk.rpId,
          allowCredentials: (pk.allowCredentials ?? []).map((c) => ({ id: b64(c.id as ArrayBuffer) })),
        },
        { origin, uv: control.uv },
      );
      const r = cred.response as { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string };
      return {
        id: cred.id, rawId: buf(cred.rawId), type: cred.type, authenticatorAttachment: cred.authenticatorAttachment,
        response: {
          clientDataJSON: buf(r.clientDataJSON), authenticatorData: buf(r.authenticatorData),
          signature: buf(r.signature), userHandle: r.userHandle ? buf(r.userHandle) : null,
        },
        getClientExtensionResults: () => ({}),
      };
    },
  };
  const g = globalThis as { PublicKeyCredential?: unknown };
  const hadPkc = 'PublicKeyCredential' in g;
  const pkc = g.PublicKeyCredential;
  const restoreNavigator = setNavigator({ credentials });
  const control: WebAuthnControl = {
    authenticator: new SoftAuthenticator(),
    uv: true,
    failNext: null,
    hold: false,
    release: () => release(),
    gets: [],
    autofill: true,
    uninstall() {
      restoreNavigator();
      if (hadPkc) g.PublicKeyCredential = pkc;
      else delete g.PublicKeyCredential;
    },
  };
  g.PublicKeyCredential = class PublicKeyCredential {
    static isConditionalMediationAvailable = async () => control.autofill;
  };
  return control;
}

/** A page with an `autocomplete="username webauthn"` input, which conditional UI requires. */
export function installAutofillInput(): () => void {
  const g = globalThis as { document?: unknown };
  g.document = { querySelectorAll: (selector: string) => (selector.includes('webauthn') ? [{}] : []) };
  return () => void delete g.document;
}

/**
 * A tab's sessionStorage (where the client notes "signed in with the cookie here") and a console
 * that keeps its warnings, for the set-up diagnostics; `restore()` puts the real ones back.
 */
export function diagnosticsTab(): { store: Map<string, string>; warnings: string[]; restore(): void } {
  // A new page: the warnings another test file's page said once are said again here.
  forgetWarnings();
  const store = new Map<string, string>();
  const warnings: string[] = [];
  const saved = { storage: (globalThis as { sessionStorage?: unknown }).sessionStorage, warn: console.warn };
  (globalThis as { sessionStorage?: unknown }).sessionStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  };
  console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
  return {
    store,
    warnings,
    restore() {
      (globalThis as { sessionStorage?: unknown }).sessionStorage = saved.storage;
      console.warn = saved.warn;
    },
  };
}
