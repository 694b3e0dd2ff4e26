/**
 * Readable stores over the Janua client (Svelte's store contract: `$user` in any component) and
 * `configure()`. In the browser the stores follow the client configured here. On the server
 * there is no client and no module state that one request could leak into another: a store
 * reads the request's state from the component tree's context (set by `configure` in your root
 * layout), so server-rendered HTML already shows the signed-in user.
 */
import { getContext, setContext } from 'svelte';
import type { Readable } from 'svelte/store';
import { JanuaClient, organizations as organizationsModule, type AuthSnapshot, type Organization, type Session, type SsrCookieOptions, type User } from '@janua/core';
import { serverSnapshot, type InitialAuthState } from '@janua/ssr';
import { configured } from './configured.ts';

const KEY = Symbol.for('janua-svelte');

export interface JanuaSvelteOptions {
  /** Base URL of the Janua server, as the browser reaches it. */
  api?: string;
  /** A ready-made client; wins over `api`. */
  client?: JanuaClient;
  /**
   * Keep the access token in a cookie on this origin so your server hooks can verify it
   * (`januaHandle`). Default true here: SvelteKit renders on the server. See README.md, "Server rendering and the cookie".
   */
  ssrCookie?: boolean | SsrCookieOptions;
  /** What the server knew (your layout's `data.janua`): the stores report it until the client has restored. */
  initialState?: InitialAuthState | null;
}

let seed: AuthSnapshot | null = null;
/** Subscribers that came before `configure()`, re-attached when it runs. */
const waiting = new Set<() => void>();

/**
 * Call once from your root layout's `<script>`, with what the server found
 * (`configure({ api, initialState: data.janua })`). Returns the client (null on the server).
 */
export function configure(options: JanuaSvelteOptions): JanuaClient | null {
  const initial = serverSnapshot(options?.initialState);
  if (typeof document === 'undefined') {
    // Server: this request's state goes down the component tree, never into module state.
    try {
      setContext(KEY, initial);
    } catch {
      // Called outside a component: the stores report `loading`.
    }
    return null;
  }
  if (!options?.client && !options?.api) throw new Error('configure({ api }): `api` (the Janua server URL) or `client` is required');
  seed = options.initialState ? initial : null;
  configured.client = options.client ?? JanuaClient.for(options.api!, { ssrCookie: options.ssrCookie ?? true });
  for (const reattach of [...waiting]) reattach();
  return configured.client;
}

/** The configured client (null on the server, or before `configure`). */
export function getClient(): JanuaClient | null {
  return configured.client ?? null;
}

/** Signs out in every tab. */
export function signOut(): Promise<void> {
  return configured.client?.signOut() ?? Promise.resolve();
}

function requestState(): AuthSnapshot {
  try {
    return getContext<AuthSnapshot | undefined>(KEY) ?? serverSnapshot(null);
  } catch {
    return serverSnapshot(null);
  }
}

/** A store of one slice of the auth state; `start` runs while it has subscribers in the browser. */
function slice<T>(pick: (snapshot: AuthSnapshot) => T, start?: (client: JanuaClient) => void): Readable<T> {
  return {
    subscribe(run) {
      let last: { value: T } | null = null;
      const emit = (snapshot: AuthSnapshot) => {
        const value = pick(snapshot);
        if (last && last.value === value) return;
        last = { value };
        run(value);
      };
      if (!configured.client) {
        emit(typeof document === 'undefined' ? requestState() : seed ?? serverSnapshot(null));
        if (typeof document === 'undefined') return () => undefined;
      }
      let stop: (() => void) | null = null;
      const attach = () => {
        const client = configured.client;
        if (!client || stop) return;
        waiting.delete(attach);
        start?.(client);
        stop = client.subscribe((snapshot) => emit(snapshot.status === 'loading' && seed ? seed : snapshot));
      };
      if (configured.client) attach();
      else waiting.add(attach);
      return () => {
        waiting.delete(attach);
        stop?.();
      };
    },
  };
}

/** The whole snapshot: `status`, `user`, `session`, `organizations`, `activeOrganization`, `pending`, `error`. */
export const auth: Readable<AuthSnapshot> = /* @__PURE__ */ slice((s) => s);
export const user: Readable<User | null> = /* @__PURE__ */ slice((s) => s.user);
export const session: Readable<Session | null> = /* @__PURE__ */ slice((s) => s.session);
export const isAuthenticated: Readable<boolean> = /* @__PURE__ */ slice((s) => s.status === 'signed-in');
/** True until the first restore has settled: render nothing auth-dependent before. */
export const isLoading: Readable<boolean> = /* @__PURE__ */ slice((s) => s.status === 'loading');
// The organizations module keeps the list (and so the active organization) loaded while watched.
const loadOrganizations = (c: JanuaClient) => void organizationsModule(c);
/** The active organization (null: the personal workspace). */
export const organization: Readable<Organization | null> = /* @__PURE__ */ slice((s) => s.activeOrganization, loadOrganizations);
export const organizations: Readable<readonly Organization[]> = /* @__PURE__ */ slice((s) => s.organizations, loadOrganizations);
