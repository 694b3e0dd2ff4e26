import type { ApiPasskey, ApiPasskeyRegistration } from '../api-types.ts';
import type { JanuaClient } from '../client.ts';
import { camel, camelList, defineModule, seg } from '../internal.ts';
import { invalidate, resource, type Resource } from '../resource.ts';
import type { SignInResult } from '../types.ts';
import { ceremony, passkeySignIn, type PasskeySignInParams } from './passkey-sign-in.ts';
import { supported, supportsPasskeyAutofill } from './passkey-support.ts';

export { passkeySignIn, type PasskeySignInParams } from './passkey-sign-in.ts';
export { supportsPasskeyAutofill, supportsPasskeys } from './passkey-support.ts';

export interface Passkey {
  id: string;
  name: string;
  authenticatorAttachment: 'platform' | 'cross-platform' | null;
  createdAt: string;
  lastUsedAt: string | null;
  signCount: number;
}

export interface PasskeysModule {
  /** WebAuthn exists here (checked without loading the WebAuthn code). */
  isSupported(): boolean;
  /** Passkeys can be offered in the browser's autofill (conditional mediation). */
  supportsAutofill(): Promise<boolean>;
  readonly list: Resource<readonly Passkey[]>;
  /** Creates a passkey on this device for the signed-in user. */
  register(params?: { name?: string; authenticatorAttachment?: 'platform' | 'cross-platform' }): Promise<Passkey>;
  rename(id: string, name: string): Promise<Passkey>;
  remove(id: string): Promise<void>;
  /** Signs in with a passkey; an MFA account without user verification gets the pending step (`via: 'passkey'`). */
  signIn(params?: PasskeySignInParams): Promise<SignInResult>;
}

/** Passkeys: the signed-in user's list and registration, and passkey sign-in. */
export const passkeys: (client: JanuaClient) => PasskeysModule = /* @__PURE__ */ defineModule((client, i) => {
  const list = resource(client, 'passkeys', null, async () => camelList<Passkey>(await i.call('GET', '/passkeys/')));
  const changed = () => invalidate(client, 'passkeys');
  return {
    isSupported: supported,
    supportsAutofill: supportsPasskeyAutofill,
    list,
    async register(params = {}) {
      const optionsJSON = await i.call<PublicKeyCredentialCreationOptionsJSON>(
        'POST', '/passkeys/register/options',
        params.authenticatorAttachment ? { authenticator_attachment: params.authenticatorAttachment } : {});
      const credential = await ceremony(undefined, (lib) => lib.create(optionsJSON));
      const done = await i.call<ApiPasskeyRegistration>('POST', '/passkeys/register/verify', { credential, name: params.name });
      changed();
      const all = await list.load().catch(() => []);
      return all.find((p) => p.id === done?.passkey_id)
        ?? Object.freeze({ id: String(done?.passkey_id), name: params.name ?? '', authenticatorAttachment: credential.authenticatorAttachment ?? null,
          createdAt: new Date(i.now()).toISOString(), lastUsedAt: null, signCount: 0 });
    },
    async rename(id, name) {
      const passkey = camel<Passkey>(await i.call<ApiPasskey>('PATCH', `/passkeys/${seg(id)}`, { name }));
      changed();
      return passkey;
    },
    async remove(id) {
      await i.call('DELETE', `/passkeys/${seg(id)}`);
      changed();
    },
    signIn: (params) => passkeySignIn(client, params),
  };
});
