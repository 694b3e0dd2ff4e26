/**
 * @janua/svelte: stores (`$user`, `$isAuthenticated`, …), `configure()`, and a component per Janua
 * element (generated from the manifest). Resolved with the `svelte` condition (Vite, SvelteKit),
 * as every Svelte library is; plain Node gets `./runtime` (the stores) instead.
 */
export * from './runtime.ts';
export * from './generated/index.ts';
export type { InitialAuthState, JanuaLocals } from '@janua/ssr';
