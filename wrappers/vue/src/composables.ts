import { computed, inject, onMounted, type ComputedRef } from 'vue';
import { organizations, type AuthStatus, type Organization, type Session, type User } from '@janua/core';
import { JANUA, type JanuaState } from './state.ts';

/** The plugin's client (null on the server) and its snapshot ref. */
export function useJanua(): JanuaState {
  const state = inject(JANUA, null);
  if (!state) throw new Error('useJanua() needs app.use(janua, { api }) first');
  return state;
}

export interface UseAuth {
  status: ComputedRef<AuthStatus>;
  /** False until the first restore has settled: render nothing auth-dependent before. */
  isLoaded: ComputedRef<boolean>;
  isSignedIn: ComputedRef<boolean>;
  user: ComputedRef<User | null>;
  userId: ComputedRef<string | null>;
  sessionId: ComputedRef<string | null>;
  orgId: ComputedRef<string | null>;
  orgRole: ComputedRef<string | null>;
  /** Signs out in every tab. */
  signOut(): Promise<void>;
  /** A valid access token for your own API calls, or null. */
  getToken(): Promise<string | null>;
}

export function useAuth(): UseAuth {
  const { client, auth } = useJanua();
  return {
    status: computed(() => auth.value.status),
    isLoaded: computed(() => auth.value.status !== 'loading'),
    isSignedIn: computed(() => auth.value.status === 'signed-in'),
    user: computed(() => auth.value.user),
    userId: computed(() => auth.value.user?.id ?? null),
    sessionId: computed(() => auth.value.session?.id ?? null),
    orgId: computed(() => auth.value.session?.orgId ?? null),
    orgRole: computed(() => auth.value.session?.orgRole ?? null),
    signOut: () => client?.signOut() ?? Promise.resolve(),
    getToken: () => client?.getAccessToken() ?? Promise.resolve(null),
  };
}

export function useUser(): { user: ComputedRef<User | null>; isLoaded: ComputedRef<boolean>; isSignedIn: ComputedRef<boolean> } {
  const { auth } = useJanua();
  return {
    user: computed(() => auth.value.user),
    isLoaded: computed(() => auth.value.status !== 'loading'),
    isSignedIn: computed(() => auth.value.status === 'signed-in'),
  };
}

export function useSession(): { session: ComputedRef<Session | null>; isLoaded: ComputedRef<boolean>; isSignedIn: ComputedRef<boolean> } {
  const { auth } = useJanua();
  return {
    session: computed(() => auth.value.session),
    isLoaded: computed(() => auth.value.status !== 'loading'),
    isSignedIn: computed(() => auth.value.status === 'signed-in'),
  };
}

export interface UseOrganization {
  /** The active organization (null: the personal workspace, or not loaded yet). */
  organization: ComputedRef<Organization | null>;
  organizations: ComputedRef<readonly Organization[]>;
  isLoaded: ComputedRef<boolean>;
  /** Makes another organization active (null: personal); every tab follows. */
  switchOrganization(id: string | null): Promise<Organization | null>;
}

/** The active organization; loads the user's organizations (`organizations(client)`) once mounted. */
export function useOrganization(): UseOrganization {
  const { client, auth } = useJanua();
  // The module keeps the list loaded (and `activeOrganization` filled) while signed in.
  onMounted(() => {
    if (client) organizations(client);
  });
  return {
    organization: computed(() => auth.value.activeOrganization),
    organizations: computed(() => auth.value.organizations),
    isLoaded: computed(() => auth.value.status !== 'loading'),
    switchOrganization: (id) => (client ? organizations(client).switch(id) : Promise.resolve(null)),
  };
}
