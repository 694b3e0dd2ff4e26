/**
 * A software WebAuthn authenticator for server tests: a real P-256 key per credential (Web
 * Crypto), real `clientDataJSON`, `authenticatorData`, `attestationObject` (fmt "none") and
 * DER-encoded ECDSA assertion signatures. What it produces is what a browser would post, so
 * the server's verifier runs unmodified against it. Knobs exist only to produce the broken
 * answers the tests need (another origin, another rpID, a rewound counter, no UV).
 */
import { createHash, webcrypto } from 'node:crypto';

const subtle = webcrypto.subtle;
const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const fromB64url = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));
const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

// --- A CBOR encoder for the few shapes WebAuthn needs: integers, byte and text strings, maps.
type Cbor = number | string | Uint8Array | Map<Cbor, Cbor>;

function head(major: number, value: number): Uint8Array {
  if (value < 24) return Uint8Array.of((major << 5) | value);
  if (value < 0x100) return Uint8Array.of((major << 5) | 24, value);
  if (value < 0x10000) return Uint8Array.of((major << 5) | 25, value >> 8, value & 0xff);
  return Uint8Array.of((major << 5) | 26, (value >>> 24) & 0xff, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff);
}

export function cbor(value: Cbor): Uint8Array {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value);
    return concat(head(3, bytes.length), bytes);
  }
  if (value instanceof Uint8Array) return concat(head(2, value.length), value);
  const parts: Uint8Array[] = [head(5, value.size)];
  for (const [k, v] of value) parts.push(cbor(k), cbor(v));
  return concat(...parts);
}

/** Web Crypto signs ECDSA as r‖s; WebAuthn carries an ASN.1 DER SEQUENCE of two INTEGERs. */
export function derSignature(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    let body = bytes.slice(i);
    if (body[0]! & 0x80) body = concat(Uint8Array.of(0), body);
    return concat(Uint8Array.of(0x02, body.length), body);
  };
  const half = raw.length / 2;
  const seq = concat(integer(raw.slice(0, half)), integer(raw.slice(half)));
  return concat(Uint8Array.of(0x30, seq.length), seq);
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

export interface SoftCredential {
  id: string;
  rpId: string;
  userHandle: string;
  keys: CryptoKeyPair;
  counter: number;
}

export interface CeremonyOptions {
  origin: string;
  /** Claim a different rpID than the options named (a phishing site's). */
  rpId?: string;
  /** User verification performed; default true. */
  uv?: boolean;
  /** Sign a different challenge than the one given. */
  challenge?: string;
}

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];
  /** Starting counter of new credentials; 0 means "does not count", as many platform authenticators do. */
  constructor(readonly options: { attachment?: 'platform' | 'cross-platform'; counterStart?: number } = {}) {}

  /** `reuse` replays an existing credential's id and key, as a cloned or shared authenticator would. */
  async register(opts: { challenge: string; rp: { id?: string }; user: { id: string } }, ceremony: CeremonyOptions & { reuse?: SoftCredential }) {
    const rpId = ceremony.rpId ?? opts.rp.id!;
    const keys = ceremony.reuse?.keys ?? ((await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair);
    const jwk = await subtle.exportKey('jwk', keys.publicKey);
    const credentialId = ceremony.reuse ? fromB64url(ceremony.reuse.id) : webcrypto.getRandomValues(new Uint8Array(32));
    const credential: SoftCredential = { id: b64url(credentialId), rpId, userHandle: opts.user.id, keys, counter: this.options.counterStart ?? 0 };
    const coseKey = cbor(new Map<Cbor, Cbor>([[1, 2], [3, -7], [-1, 1], [-2, fromB64url(jwk.x!)], [-3, fromB64url(jwk.y!)]]));
    const idLength = Uint8Array.of(credentialId.length >> 8, credentialId.length & 0xff);
    const attested = concat(new Uint8Array(16), idLength, credentialId, coseKey);
    const authData = this.authData(rpId, FLAG_UP | (ceremony.uv === false ? 0 : FLAG_UV) | FLAG_AT, credential.counter, attested);
    const clientDataJSON = this.clientData('webauthn.create', ceremony.challenge ?? opts.challenge, ceremony.origin);
    const attestationObject = cbor(new Map<Cbor, Cbor>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
    this.credentials.push(credential);
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ['internal'] },
      authenticatorAttachment: this.options.attachment ?? 'platform',
      clientExtensionResults: {},
    };
  }

  /**
   * Signs an assertion. Picks the credential from `allowCredentials` or, when that is empty (a
   * discoverable sign-in), the newest one for the rpID, unless `credentialId` names one.
   */
  async authenticate(
    opts: { challenge: string; rpId?: string; allowCredentials?: { id: string }[] },
    ceremony: CeremonyOptions & { credentialId?: string; counter?: number; userHandle?: string | null },
  ) {
    const rpId = ceremony.rpId ?? opts.rpId!;
    const allowed = opts.allowCredentials?.map((c) => c.id) ?? [];
    const credential = ceremony.credentialId
      ? this.credentials.find((c) => c.id === ceremony.credentialId)
      : [...this.credentials].reverse().find((c) => (allowed.length ? allowed.includes(c.id) : c.rpId === (opts.rpId ?? rpId)));
    if (!credential) throw new Error('SoftAuthenticator: no matching credential');
    if (ceremony.counter !== undefined) credential.counter = ceremony.counter;
    else if ((this.options.counterStart ?? 0) > 0 || credential.counter > 0) credential.counter += 1;
    const authData = this.authData(rpId, FLAG_UP | (ceremony.uv === false ? 0 : FLAG_UV), credential.counter);
    const clientDataJSON = this.clientData('webauthn.get', ceremony.challenge ?? opts.challenge, ceremony.origin);
    const raw = new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, credential.keys.privateKey, concat(authData, sha256(clientDataJSON))));
    const userHandle = ceremony.userHandle === undefined ? credential.userHandle : ceremony.userHandle;
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(derSignature(raw)),
        ...(userHandle ? { userHandle } : {}),
      },
      authenticatorAttachment: this.options.attachment ?? 'platform',
      clientExtensionResults: {},
    };
  }

  private authData(rpId: string, flags: number, counter: number, attested?: Uint8Array): Uint8Array {
    const count = Uint8Array.of((counter >>> 24) & 0xff, (counter >> 16) & 0xff, (counter >> 8) & 0xff, counter & 0xff);
    return concat(sha256(new TextEncoder().encode(rpId)), Uint8Array.of(flags), count, attested ?? new Uint8Array(0));
  }

  private clientData(type: string, challenge: string, origin: string): Uint8Array {
    return new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }
}
