import { createElement, useMemo, type ReactNode } from 'react';
import { JanuaClient, type AuthSnapshot, type SsrCookieOptions } from '@janua/core';
import { JanuaContext, type JanuaContextValue } from './context.ts';
import { serverSnapshot, type InitialAuthState } from '@janua/ssr';

export interface JanuaProviderProps {
  /** Base URL of the Janua server; the shared client for it (`JanuaClient.for`) is used. */
  api?: string;
  /** A ready-made client; wins over `api`. */
  client?: JanuaClient;
  /**
   * Mirror the access token into a cookie on this origin so your server can render signed-in
   * pages (see the README: off by default, any script on the page can read it).
   */
  ssrCookie?: boolean | SsrCookieOptions;
  /**
   * What the server knew when it rendered (e.g. from your session check): hooks report it during
   * server rendering and hydration, and until the client's first restore settles, so signed-in
   * pages render signed in from the first byte.
   */
  initialState?: InitialAuthState | null;
  children?: ReactNode;
}

/**
 * Gives every hook and Janua component below it one client. On the server no client is created
 * (nothing touches `window`): hooks report `initialState`, or `loading`.
 */
export function JanuaProvider({ api, client, ssrCookie, initialState, children }: JanuaProviderProps): ReactNode {
  const cookie = typeof ssrCookie === 'object' ? JSON.stringify(ssrCookie) : ssrCookie;
  const seed = useMemo(() => serverSnapshot(initialState), [initialState]);
  const value = useMemo<JanuaContextValue>(() => {
    const browser = typeof document !== 'undefined';
    if (!client && !api) throw new Error('<JanuaProvider> needs `api` (the Janua server URL) or `client`');
    const resolved = client ?? (browser ? JanuaClient.for(api!, ssrCookie ? { ssrCookie } : {}) : null);
    // Until the first restore settles, what the server rendered stands (no flash of signed-out UI).
    const current = (): AuthSnapshot => {
      const snapshot = resolved?.getSnapshot();
      return !snapshot || (snapshot.status === 'loading' && initialState) ? seed : snapshot;
    };
    return {
      client: resolved,
      subscribe: (onChange) => resolved?.subscribe(() => onChange()) ?? (() => undefined),
      getSnapshot: current,
      getServerSnapshot: () => seed,
    };
    // `ssrCookie` by value: an inline object must not make a new client store every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, client, cookie, seed]);
  return createElement(JanuaContext.Provider, { value }, children);
}
