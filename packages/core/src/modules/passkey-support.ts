/*
 * Whether passkeys can be offered here, checked without loading any WebAuthn code: what a
 * sign-in card's first screen needs to decide on its passkey button and autofill.
 */

export function supported(): boolean {
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

