import type { InjectionKey, ShallowRef } from 'vue';
import type { AuthSnapshot, JanuaClient } from '@janua/core';

/** What the plugin provides: the client (none on the server) and its snapshot as a shallow ref. */
export interface JanuaState {
  client: JanuaClient | null;
  auth: Readonly<ShallowRef<AuthSnapshot>>;
}

export const JANUA: InjectionKey<JanuaState> = Symbol.for('janua-vue');
