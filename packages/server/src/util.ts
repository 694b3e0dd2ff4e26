/**
 * Small Web Crypto helpers shared by the app. Nothing here may import `node:*`: the same
 * code runs in Node, in tests and in a browser tab (Storybook).
 */

const encoder = new TextEncoder();

/**
 * Random bytes are drawn from the system in 4 KiB batches: a request takes five or six small
 * values (ids, tokens, a jti), and each getRandomValues call costs more than the bytes.
 */
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

export function randomBytes(length: number): Uint8Array {
  if (length > 256) return crypto.getRandomValues(new Uint8Array(length));
  if (poolOffset + length > pool.length) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  // A copy, and the pool bytes are zeroed: no two callers ever see the same random bytes.
  const bytes = pool.slice(poolOffset, poolOffset + length);
  pool.fill(0, poolOffset, poolOffset + length);
  poolOffset += length;
  return bytes;
}

const NodeBuffer = (globalThis as { Buffer?: { from(b: Uint8Array): { toString(encoding: 'base64url'): string } } }).Buffer;

export function base64url(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes).toString('base64url');
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** An opaque secret: 32 random bytes (256 bits), base64url. */
export function randomToken(bytes = 32): string {
  return base64url(randomBytes(bytes));
}

/**
 * UUID v4 from getRandomValues: `crypto.randomUUID` exists only in secure contexts, and the
 * browser build may be served from a plain-http LAN address.
 */
export function uuid(): string {
  const b = randomBytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The few node:crypto functions the app uses when it runs on Node. */
export interface NodeCrypto {
  createHash(alg: string): { update(data: string): { digest(encoding: 'base64url'): string } };
  sign(alg: string, data: Uint8Array, key: { key: unknown; dsaEncoding: 'ieee-p1363' }): Uint8Array & { toString(encoding: 'base64url'): string };
  KeyObject: { from(key: CryptoKey): unknown };
}

/**
 * node:crypto, reached without a static `node:*` import (the browser build has none), or
 * undefined elsewhere. Web Crypto hops through the thread pool for every digest and signature,
 * which costs more than the work itself for a short token.
 */
export const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as
  | NodeCrypto
  | undefined;

export async function sha256(text: string): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(text).digest('base64url');
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  return base64url(new Uint8Array(digest));
}

/** Compares without an early exit, so timing does not reveal the length of a matching prefix. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export function iso(ms: number | null | undefined): string | null {
  return ms == null ? null : new Date(ms).toISOString();
}

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Text from a request, fit for one log line: control characters (line breaks, NUL, escape) and
 * the Unicode line separators written as `\uXXXX`, so a path or a provider's answer cannot start
 * a log line of its own.
 */
export function logSafe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
