import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { ApiValidationError } from '../../../core/src/api-types.ts';
import { validationError } from '../http/errors.ts';
import { fromBase64url } from '../util.ts';

/**
 * Checks the JSON shape of a `PublicKeyCredential` before it reaches the verifier, so a
 * wrong type or a missing part is a 422 naming the field rather than a failed verification.
 * The cryptography itself is @simplewebauthn/server's.
 */
const B64URL = /^[A-Za-z0-9_-]*={0,2}$/;
const MAX_PART = 16_384;
const TRANSPORT = /^[a-z][a-z0-9-]{0,31}$/;
const MAX_TRANSPORTS = 8;

type Kind = 'registration' | 'authentication';

const PARTS: Record<Kind, { required: string[]; optional: string[] }> = {
  registration: { required: ['clientDataJSON', 'attestationObject'], optional: [] },
  authentication: { required: ['clientDataJSON', 'authenticatorData', 'signature'], optional: ['userHandle'] },
};

export function parseCredential(value: unknown, kind: 'registration'): RegistrationResponseJSON;
export function parseCredential(value: unknown, kind: 'authentication'): AuthenticationResponseJSON;
export function parseCredential(value: unknown, kind: Kind): RegistrationResponseJSON | AuthenticationResponseJSON {
  const errors: ApiValidationError[] = [];
  const fail = (field: string, message: string, type: string) => errors.push({ field, message, type });
  if (value === undefined || value === null) {
    fail('credential', 'Credential is required', 'required');
    throw validationError(errors);
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    fail('credential', 'Credential must be the JSON form of a PublicKeyCredential', 'type');
    throw validationError(errors);
  }
  const input = value as Record<string, unknown>;
  const b64 = (v: unknown, field: string, required: boolean) => {
    if (v === undefined || v === null || v === '') {
      if (required) fail(field, `${field} is required`, 'required');
      return;
    }
    if (typeof v !== 'string') fail(field, `${field} must be a base64url string`, 'type');
    else if (v.length > MAX_PART) fail(field, `${field} must be at most ${MAX_PART} characters`, 'max_length');
    else if (!B64URL.test(v)) fail(field, `${field} must be base64url`, 'format');
  };
  b64(input['id'], 'credential.id', true);
  b64(input['rawId'], 'credential.rawId', true);
  if (input['type'] !== 'public-key') fail('credential.type', 'credential.type must be "public-key"', input['type'] === undefined ? 'required' : 'format');
  const response = input['response'];
  if (typeof response !== 'object' || response === null || Array.isArray(response)) {
    fail('credential.response', 'credential.response must be an object', response === undefined ? 'required' : 'type');
  } else {
    const parts = response as Record<string, unknown>;
    for (const part of PARTS[kind].required) b64(parts[part], `credential.response.${part}`, true);
    for (const part of PARTS[kind].optional) b64(parts[part], `credential.response.${part}`, false);
    // Stored and handed back in every allow/exclude list, so only what a browser can read there:
    // a short list of transport names (`usb`, `internal`, …; names a newer browser adds pass too).
    const transports = parts['transports'];
    if (kind === 'registration' && transports !== undefined && transports !== null
      && !(Array.isArray(transports) && transports.length <= MAX_TRANSPORTS && transports.every((t) => typeof t === 'string' && TRANSPORT.test(t)))) {
      fail('credential.response.transports', `credential.response.transports must be a list of at most ${MAX_TRANSPORTS} transport names`, 'format');
    }
  }
  const attachment = input['authenticatorAttachment'];
  if (attachment !== undefined && attachment !== null && attachment !== 'platform' && attachment !== 'cross-platform') {
    fail('credential.authenticatorAttachment', 'credential.authenticatorAttachment must be "platform" or "cross-platform"', 'format');
  }
  if (errors.length) throw validationError(errors);
  return {
    ...input,
    clientExtensionResults: typeof input['clientExtensionResults'] === 'object' && input['clientExtensionResults'] !== null ? input['clientExtensionResults'] : {},
  } as unknown as RegistrationResponseJSON | AuthenticationResponseJSON;
}

/** The challenge the browser signed, read from `clientDataJSON`; null when it is not readable JSON. */
export function clientChallenge(clientDataJSON: string): string | null {
  try {
    const data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(clientDataJSON))) as unknown;
    const challenge = (data as { challenge?: unknown } | null)?.challenge;
    return typeof challenge === 'string' && challenge.length <= 512 ? challenge : null;
  } catch {
    return null;
  }
}
