import { shallowRef, type App, type Component, type Plugin } from 'vue';
import { JanuaClient, type AuthSnapshot, type SsrCookieOptions } from '@janua/core';
import { serverSnapshot, type InitialAuthState } from '@janua/ssr';
import { JANUA, type JanuaState } from './state.ts';

export interface JanuaPluginOptions {
  /** Base URL of the Janua server; the shared client for it (`JanuaClient.for`) is used. */
  api?: string;
  /** A ready-made client; wins over `api`. */
  client?: JanuaClient;
  /** Mirror the access token into a cookie on this origin for server rendering (off by default; see the README). */
  ssrCookie?: boolean | SsrCookieOptions;
  /** What the server knew when it rendered; reported until the client's first restore settles. */
  initialState?: InitialAuthState | null;
  /**
   * Components to register globally: `components` (all of them, as `<JanuaSignIn>` & co.) or a
   * few (`{ JanuaSignIn: SignIn }`). None by default, so a bundle holds only what it imports.
   */
  components?: Record<string, Component>;
}

/**
 * `app.use(janua, { api, components })`: provides the client and its snapshot (one shallow ref,
 * replaced on every change, no copies) to the composables and components, and registers the
 * components you pass globally.
 * On the server no client is created: the snapshot is `initialState`, or `loading`.
 */
export const janua: Plugin<[JanuaPluginOptions]> = {
  install(app: App, options: JanuaPluginOptions) {
    if (!options?.client && !options?.api) throw new Error('app.use(janua, { api }): `api` (the Janua server URL) or `client` is required');
    const seed = serverSnapshot(options.initialState);
    const browser = typeof document !== 'undefined';
    const client = options.client ?? (browser ? JanuaClient.for(options.api!, options.ssrCookie ? { ssrCookie: options.ssrCookie } : {}) : null);
    const current = (snapshot: AuthSnapshot): AuthSnapshot => (snapshot.status === 'loading' && options.initialState ? seed : snapshot);
    const auth = shallowRef<AuthSnapshot>(client ? current(client.getSnapshot()) : seed);
    if (client) {
      const unsubscribe = client.subscribe((snapshot) => {
        auth.value = current(snapshot);
      });
      app.onUnmount?.(unsubscribe);
    }
    const state: JanuaState = { client, auth };
    app.provide(JANUA, state);
    for (const [name, component] of Object.entries(options.components ?? {})) app.component(name, component);
  },
};
