/**
 * @janua/react: a component per Janua element (generated from the manifest: `SignIn`, `SignUp`,
 * `SignedIn`, …), `JanuaProvider`, and hooks over the client's store. Importing it touches no
 * `window`: server rendering works, and no client exists on the server. `'use client'`: a React
 * Server Component (Next.js App Router) renders these as client components, which they are
 * (context, hooks, custom elements).
 */
'use client';
export * from './generated/index.ts';
export { JanuaProvider, type JanuaProviderProps } from './provider.ts';
export { useAuth, useAuthSnapshot, useJanua, useOrganization, useSession, useUser, type UseAuth, type UseOrganization } from './hooks.ts';
export { createComponent, type ElementComponent, type ElementProps } from './create-component.ts';
export type { InitialAuthState } from '@janua/ssr';
export type { AuthSnapshot, AuthStatus, JanuaClient, Organization, Session, User } from '@janua/core';
