import type { ApiPasskey, ApiPasskeyRegistration, ApiPasskeyRequestOptions, ApiSignInResponse } from '../api-types.ts';
import type { JanuaClient } from '../client.ts';
import { JanuaError } from '../errors.ts';
import { camel, camelList, defineModule, internals, seg } from '../internal.ts';
import { invalidate, resource, type Resource } from '../resource.ts';
import type { SignInResult } from '../types.ts';

export interface Passkey {
  id: string;
  name: string;
  authenticatorAttachment: 'platform' | 'cross-platform' | null;
  createdAt: string;
  lastUsedAt: string | null;
  signCount: number;
}

export interface PasskeySignInParams {
  /** Narrows the browser's choice to this account's passkeys. */
  email?: string;
  /** Conditional UI: offer passkeys in the autofill of an `autocomplete="… webauthn"` input. */
  autofill?: boolean;
  /** Aborting ends the ceremony (PASSKEY_CANCELLED), e.g. when the form is submitted by password. */
  signal?: AbortSignal;
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

type WebAuthn = typeof import('../webauthn.ts');

const cancelled = (cause?: unknown) =>
  new JanuaError({ code: 'PASSKEY_CANCELLED', message: 'The passkey request was cancelled', cause });

/** Runs a browser ceremony; maps what the browser throws to the kit's codes. */
async function ceremony<T>(signal: AbortSignal | undefined, run: (lib: WebAuthn) => Promise<T>): Promise<T> {
  if (!supported()) throw new JanuaError({ code: 'PASSKEY_UNSUPPORTED', message: 'This browser has no WebAuthn' });
  if (signal?.aborted) throw cancelled(signal.reason);
  // Its own chunk: pages without a passkey button never download it.
  const lib = await import('../webauthn.ts');
  try {
    if (signal?.aborted) throw cancelled(signal.reason);
    return await run(lib);
  } catch (error) {
    if (JanuaError.is(error)) throw error;
    // Aborted by the caller, whatever reason it gave.
    if (signal?.aborted) throw cancelled(error);
    const name = (error as Error)?.name;
    // Dismissed by the user (or timed out), or withdrawn by a newer ceremony.
    if (name === 'NotAllowedError' || name === 'AbortError') throw cancelled(error);
    if (name === 'InvalidStateError') {
      throw new JanuaError({ code: 'PASSKEY_ALREADY_REGISTERED', message: 'This authenticator is already registered', cause: error });
    }
    throw new JanuaError({ code: 'PASSKEY_FAILED', message: 'The passkey ceremony failed', cause: error });
  }
}

function supported(): boolean {
  return typeof globalThis.PublicKeyCredential === 'function' && !!globalThis.navigator?.credentials;
}

/** WebAuthn exists here (checked without loading the WebAuthn code). */
export function supportsPasskeys(): boolean {
  return supported();
}

/** Passkeys can be offered in the browser's autofill (conditional mediation). */
export async function supportsPasskeyAutofill(): Promise<boolean> {
  try {
    const pkc = globalThis.PublicKeyCredential as { isConditionalMediationAvailable?: () => Promise<boolean> } | undefined;
    return supported() && (await pkc?.isConditionalMediationAvailable?.()) === true;
  } catch {
    return false;
  }
}

/**
 * Passkey sign-in on its own (what `passkeys(client).signIn` does), for a bundle that needs
 * nothing else of the module: options from the server, the browser ceremony (its own chunk),
 * then the server's verdict. An MFA account without user verification gets the pending step
 * (`via: 'passkey'`); a dismissed or aborted ceremony is PASSKEY_CANCELLED.
 */
export async function passkeySignIn(client: JanuaClient, { email, autofill, signal }: PasskeySignInParams = {}): Promise<SignInResult> {
  const i = internals(client);
  if (signal?.aborted) throw cancelled(signal.reason);
  const { sessionId, ...optionsJSON } = await i.call<ApiPasskeyRequestOptions>(
    'POST', '/passkeys/authenticate/options', email ? { email } : {}, { auth: false });
  const credential = await ceremony(signal, async (lib) => {
    if (autofill && !(await supportsPasskeyAutofill())) throw new Error('This browser offers no passkeys in its autofill');
    return lib.get(optionsJSON as PublicKeyCredentialRequestOptionsJSON, autofill, signal);
  });
  if (signal?.aborted) throw cancelled(signal.reason);
  const data = await i.call<ApiSignInResponse>(
    'POST', `/passkeys/authenticate/verify?challenge=${seg(sessionId ?? optionsJSON.challenge)}`,
    email ? { email, credential } : { credential }, { auth: false, cookie: true });
  return i.completeSignIn(data, 'passkey');
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
