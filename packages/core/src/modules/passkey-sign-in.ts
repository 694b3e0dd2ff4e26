import type { ApiPasskeyRequestOptions, ApiSignInResponse } from '../api-types.ts';
import type { JanuaClient } from '../client.ts';
import { JanuaError } from '../errors.ts';
import { internals, seg } from '../internal.ts';
import type { SignInResult } from '../types.ts';
import { supported, supportsPasskeyAutofill } from './passkey-support.ts';

/*
 * A passkey ceremony and passkey sign-in, apart from the rest of the passkeys module: a sign-in
 * card loads this file on first use (its button, or autofill), and the WebAuthn glue through it.
 */

export interface PasskeySignInParams {
  /** Narrows the browser's choice to this account's passkeys. */
  email?: string;
  /** Conditional UI: offer passkeys in the autofill of an `autocomplete="… webauthn"` input. */
  autofill?: boolean;
  /** Aborting ends the ceremony (PASSKEY_CANCELLED), e.g. when the form is submitted by password. */
  signal?: AbortSignal;
}

type WebAuthn = Pick<typeof import('../webauthn.ts'), 'create' | 'get'>;

const cancelled = (cause?: unknown) =>
  new JanuaError({ code: 'PASSKEY_CANCELLED', message: 'The passkey request was cancelled', cause });

/** Runs a browser ceremony; maps what the browser throws to the kit's codes. */
export async function ceremony<T>(signal: AbortSignal | undefined, run: (lib: WebAuthn) => Promise<T>): Promise<T> {
  if (!supported()) throw new JanuaError({ code: 'PASSKEY_UNSUPPORTED', message: 'This browser has no WebAuthn' });
  if (signal?.aborted) throw cancelled(signal.reason);
  // Its own chunk: pages without a passkey button never download it. Named here, so the chunk
  // exports only these two.
  const { create, get } = await import('../webauthn.ts');
  try {
    if (signal?.aborted) throw cancelled(signal.reason);
    return await run({ create, get });
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

/**
 * Passkey sign-in on its own (what `passkeys(client).signIn` does), for a bundle that needs
 * nothing else of the module: options from the server, the browser ceremony (its own chunk),
 * then the server's verdict. An MFA account without user verification gets the pending step
 * (`via: 'passkey'`); a dismissed or aborted ceremony is PASSKEY_CANCELLED.
 */
export async function passkeySignIn(client: JanuaClient, { email, autofill, signal }: PasskeySignInParams = {}): Promise<SignInResult> {
  const i = internals(client);
  if (signal?.aborted) throw cancelled(signal.reason);
  // `sessionId` is no WebAuthn option; the verify call names the challenge itself (docs/api.md).
  const { sessionId: _, ...optionsJSON } = await i.call<ApiPasskeyRequestOptions>(
    'POST', '/passkeys/authenticate/options', email ? { email } : {}, { auth: false });
  const credential = await ceremony(signal, async (lib) => {
    if (autofill && !(await supportsPasskeyAutofill())) throw new Error('This browser offers no passkeys in its autofill');
    return lib.get(optionsJSON as PublicKeyCredentialRequestOptionsJSON, autofill, signal);
  });
  if (signal?.aborted) throw cancelled(signal.reason);
  const data = await i.call<ApiSignInResponse>(
    'POST', `/passkeys/authenticate/verify?challenge=${seg(optionsJSON.challenge)}`,
    email ? { email, credential } : { credential }, { auth: false, cookie: true });
  return i.completeSignIn(data, 'passkey');
}

