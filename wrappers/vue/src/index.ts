/**
 * @janua/vue: `app.use(janua, { api })`, a component per Janua element (generated from the
 * manifest; `SignIn` or globally `<JanuaSignIn>`), and composables over the client's store.
 * Importing it touches no `window`: server rendering works, and no client exists on the server.
 */
export * from './generated/index.ts';
export { janua, type JanuaPluginOptions } from './plugin.ts';
export { useAuth, useJanua, useOrganization, useSession, useUser, type UseAuth, type UseOrganization } from './composables.ts';
export { defineElement, renderElement } from './render-element.ts';
export { JANUA, type JanuaState } from './state.ts';
export type { InitialAuthState } from '@janua/ssr';
export { isCustomElement } from './config.ts';
export type { AuthSnapshot, AuthStatus, JanuaClient, Organization, Session, User } from '@janua/core';
