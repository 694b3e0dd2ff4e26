import { createElement, useMemo, type ReactNode } from 'react';
import { JanuaClient, type SsrCookieOptions } from '@janua/core';
import { serverSnapshot, type InitialAuthState } from '@janua/ssr';
import { JanuaContext, type JanuaContextValue } from './context.ts';

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
  // By value: inline objects must not make a new store every render.
  const key = JSON.stringify([ssrCookie, initialState]);
  const value = useMemo<JanuaContextValue>(() => {
    if (!client && !api) throw new Error('<JanuaProvider> needs `api` (the Janua server URL) or `client`');
    const seed = serverSnapshot(initialState);
    const resolved = client ?? (typeof document === 'undefined' ? null : JanuaClient.for(api!, { ssrCookie }));
    return {
      client: resolved,
      subscribe: (onChange) => resolved?.subscribe(() => onChange()) ?? (() => undefined),
      // Until the first restore settles, what the server rendered stands (no flash of signed-out UI).
      getSnapshot: () => {
        const snapshot = resolved?.getSnapshot();
        return !snapshot || (snapshot.status === 'loading' && initialState) ? seed : snapshot;
      },
      getServerSnapshot: () => seed,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, client, key]);
  return createElement(JanuaContext.Provider, { value }, children);
}
