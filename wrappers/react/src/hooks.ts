import { useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import { organizations, type AuthSnapshot, type AuthStatus, type JanuaClient, type Organization, type Session, type User } from '@janua/core';
import { JanuaContext, type JanuaContextValue } from './context.ts';

function useJanuaContext(hook: string): JanuaContextValue {
  const context = useContext(JanuaContext);
  if (!context) throw new Error(`${hook}() needs a <JanuaProvider> above it`);
  return context;
}

/** The client's auth snapshot, re-rendering on every change (React's external-store hook). */
export function useAuthSnapshot(): AuthSnapshot {
  const { subscribe, getSnapshot, getServerSnapshot } = useJanuaContext('useAuthSnapshot');
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}

/** The `JanuaClient` of the nearest `<JanuaProvider>`; null while rendering on the server. */
export function useJanua(): JanuaClient | null {
  return useJanuaContext('useJanua').client;
}

export interface UseAuth {
  status: AuthStatus;
  /** False until the first restore has settled: render nothing auth-dependent before. */
  isLoaded: boolean;
  isSignedIn: boolean;
  userId: string | null;
  sessionId: string | null;
  orgId: string | null;
  orgRole: string | null;
  user: User | null;
  /** Signs out in every tab. */
  signOut(): Promise<void>;
  /** A valid access token for your own API calls (refreshed when close to expiry), or null. */
  getToken(): Promise<string | null>;
}

export function useAuth(): UseAuth {
  const { client } = useJanuaContext('useAuth');
  const snapshot = useAuthSnapshot();
  return useMemo(() => ({
    status: snapshot.status,
    isLoaded: snapshot.status !== 'loading',
    isSignedIn: snapshot.status === 'signed-in',
    userId: snapshot.user?.id ?? null,
    sessionId: snapshot.session?.id ?? null,
    orgId: snapshot.session?.orgId ?? null,
    orgRole: snapshot.session?.orgRole ?? null,
    user: snapshot.user,
    signOut: () => client?.signOut() ?? Promise.resolve(),
    getToken: () => client?.getAccessToken() ?? Promise.resolve(null),
  }), [client, snapshot]);
}

export function useUser(): { isLoaded: boolean; isSignedIn: boolean; user: User | null } {
  const snapshot = useAuthSnapshot();
  return useMemo(() => ({
    isLoaded: snapshot.status !== 'loading',
    isSignedIn: snapshot.status === 'signed-in',
    user: snapshot.user,
  }), [snapshot]);
}

export function useSession(): { isLoaded: boolean; isSignedIn: boolean; session: Session | null } {
  const snapshot = useAuthSnapshot();
  return useMemo(() => ({
    isLoaded: snapshot.status !== 'loading',
    isSignedIn: snapshot.status === 'signed-in',
    session: snapshot.session,
  }), [snapshot]);
}

export interface UseOrganization {
  isLoaded: boolean;
  /** The active organization (null: the personal workspace, or not loaded yet). */
  organization: Organization | null;
  /** Every organization the user belongs to. */
  organizations: readonly Organization[];
  /** Makes another organization active (null: personal); every tab follows. */
  switchOrganization(id: string | null): Promise<Organization | null>;
}

/** The active organization; loads the user's organizations (`organizations(client)`) while mounted. */
export function useOrganization(): UseOrganization {
  const { client } = useJanuaContext('useOrganization');
  const snapshot = useAuthSnapshot();
  useEffect(() => {
    // The module keeps the list loaded (and `activeOrganization` filled) while signed in.
    if (client) organizations(client);
  }, [client]);
  return useMemo(() => ({
    isLoaded: snapshot.status !== 'loading',
    organization: snapshot.activeOrganization,
    organizations: snapshot.organizations,
    switchOrganization: (id: string | null) => (client ? organizations(client).switch(id) : Promise.resolve(null)),
  }), [client, snapshot]);
}
