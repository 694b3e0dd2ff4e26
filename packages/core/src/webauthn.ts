/*
 * The browser half of a WebAuthn ceremony, which the passkeys module loads on first use: the
 * server's JSON options made into what `navigator.credentials` takes (base64url text into bytes),
 * the credential the browser returns made into the JSON the server verifies (bytes into
 * base64url), and one ceremony at a time: a new one withdraws the one still pending (a modal
 * request replaces the autofill one; browsers refuse a second request while one is open).
 * What the browser throws is passed on as it is; `passkeys.ts` maps it to the kit's codes.
 */

/** A credential's parts as the server reads them (`RegistrationResponseJSON` / `AuthenticationResponseJSON`). */
export interface CredentialJSON<R> {
  id: string;
  rawId: string;
  type: string;
  response: R;
  clientExtensionResults: AuthenticationExtensionsClientOutputs;
  authenticatorAttachment?: 'platform' | 'cross-platform';
}

export type RegistrationJSON = CredentialJSON<{
  clientDataJSON: string;
  attestationObject: string;
  transports?: string[];
  publicKeyAlgorithm?: number;
  publicKey?: string;
  authenticatorData?: string;
}>;

export type AuthenticationJSON = CredentialJSON<{
  clientDataJSON: string;
  authenticatorData: string;
  signature: string;
  userHandle?: string;
}>;

const BASE64URL = /^[\w-]*={0,2}$/;

/** Bytes as unpadded base64url text. */
export function toBase64url(data: ArrayBuffer | ArrayBufferView): string {
  const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url text (padded or not) as bytes; anything else is a TypeError naming what was wrong. */
export function fromBase64url(text: string): ArrayBuffer {
  if (typeof text !== 'string' || !BASE64URL.test(text) || text.replace(/=+$/, '').length % 4 === 1) {
    throw new TypeError(`Not base64url: ${JSON.stringify(String(text).slice(0, 40))}`);
  }
  const binary = atob(text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

const descriptor = (d: PublicKeyCredentialDescriptorJSON): PublicKeyCredentialDescriptor =>
  ({ ...d, id: fromBase64url(d.id) } as PublicKeyCredentialDescriptor);

/** What `navigator.credentials.create` takes, from the server's creation options. */
export function creationOptions(json: PublicKeyCredentialCreationOptionsJSON): PublicKeyCredentialCreationOptions {
  return {
    ...json,
    challenge: fromBase64url(json.challenge),
    user: { ...json.user, id: fromBase64url(json.user.id) },
    excludeCredentials: json.excludeCredentials?.map(descriptor),
  } as PublicKeyCredentialCreationOptions;
}

/**
 * What `navigator.credentials.get` takes, from the server's request options. An empty allow list
 * is left out (some browsers would find no credential at all); autofill asks for none, since the
 * browser offers whichever passkeys it holds for the site.
 */
export function requestOptions(json: PublicKeyCredentialRequestOptionsJSON, autofill = false): PublicKeyCredentialRequestOptions {
  const allow = autofill ? [] : json.allowCredentials?.length ? json.allowCredentials.map(descriptor) : undefined;
  return { ...json, challenge: fromBase64url(json.challenge), allowCredentials: allow } as PublicKeyCredentialRequestOptions;
}

/** A method of a response the browser may lack (or an extension may have broken): its value, or nothing. */
function optional<T>(response: object, method: string): T | undefined {
  const fn = (response as Record<string, unknown>)[method];
  try {
    return typeof fn === 'function' ? (fn.call(response) as T) : undefined;
  } catch {
    return undefined;
  }
}

const bytes = (value: ArrayBuffer | null | undefined) => (value ? toBase64url(value) : undefined);

function credentialJSON<R>(credential: PublicKeyCredential, response: R): CredentialJSON<R> {
  const attachment = credential.authenticatorAttachment;
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    response,
    clientExtensionResults: credential.getClientExtensionResults(),
    ...(attachment === 'platform' || attachment === 'cross-platform' ? { authenticatorAttachment: attachment } : {}),
  };
}

/** The registration the server verifies, from the credential `create` returned. */
export function registrationJSON(credential: PublicKeyCredential): RegistrationJSON {
  const r = credential.response as AuthenticatorAttestationResponse;
  return credentialJSON(credential, {
    clientDataJSON: toBase64url(r.clientDataJSON),
    attestationObject: toBase64url(r.attestationObject),
    transports: optional<string[]>(r, 'getTransports'),
    publicKeyAlgorithm: optional<number>(r, 'getPublicKeyAlgorithm'),
    publicKey: bytes(optional<ArrayBuffer | null>(r, 'getPublicKey')),
    authenticatorData: bytes(optional<ArrayBuffer>(r, 'getAuthenticatorData')),
  });
}

/** The assertion the server verifies, from the credential `get` returned. */
export function authenticationJSON(credential: PublicKeyCredential): AuthenticationJSON {
  const r = credential.response as AuthenticatorAssertionResponse;
  return credentialJSON(credential, {
    clientDataJSON: toBase64url(r.clientDataJSON),
    authenticatorData: toBase64url(r.authenticatorData),
    signature: toBase64url(r.signature),
    userHandle: bytes(r.userHandle),
  });
}

let pending: AbortController | undefined;

/**
 * Runs one browser request: the one still pending is withdrawn first (it rejects with an
 * AbortError), and aborting `signal` ends this one (it rejects with the signal's reason).
 */
async function one(signal: AbortSignal | undefined, request: (signal: AbortSignal) => Promise<Credential | null>): Promise<PublicKeyCredential> {
  signal?.throwIfAborted();
  pending?.abort(new DOMException('A newer passkey request replaced this one', 'AbortError'));
  const own = (pending = new AbortController());
  const forward = () => own.abort(signal?.reason);
  signal?.addEventListener('abort', forward, { once: true });
  try {
    const credential = await request(own.signal);
    if (!credential) throw new Error('The browser returned no credential');
    return credential as PublicKeyCredential;
  } finally {
    signal?.removeEventListener('abort', forward);
    if (pending === own) pending = undefined;
  }
}

/** Creates a credential (registration) from the server's options. */
export async function create(json: PublicKeyCredentialCreationOptionsJSON, signal?: AbortSignal): Promise<RegistrationJSON> {
  const publicKey = creationOptions(json);
  return registrationJSON(await one(signal, (s) => navigator.credentials.create({ publicKey, signal: s })));
}

/**
 * Gets an assertion (sign-in) from the server's options. `autofill` asks through the browser's
 * autofill (conditional mediation), which needs an `<input autocomplete="… webauthn">` in the page.
 */
export async function get(json: PublicKeyCredentialRequestOptionsJSON, autofill = false, signal?: AbortSignal): Promise<AuthenticationJSON> {
  const publicKey = requestOptions(json, autofill);
  if (autofill && !document.querySelectorAll("input[autocomplete$='webauthn']").length) {
    throw new Error('Passkey autofill needs an <input> whose autocomplete ends with "webauthn"');
  }
  const mediation = autofill ? ({ mediation: 'conditional' } as const) : {};
  return authenticationJSON(await one(signal, (s) => navigator.credentials.get({ ...mediation, publicKey, signal: s })));
}
