/**
 * HOTP (RFC 4226) and TOTP (RFC 6238) on Web Crypto HMAC, so the same code runs in Node and in
 * the browser build. Authenticator apps only speak HMAC-SHA-1, 6 digits, 30 s; the digit count
 * and hash are parameters so the RFC test vectors can be checked as printed.
 */
import { encode } from 'uqr';

export type HmacHash = 'SHA-1' | 'SHA-256' | 'SHA-512';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now: a phone clock a little off, or a code typed as it turned over. */
export const TOTP_WINDOW = 1;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding: the form authenticator apps expect in `secret=`. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** Accepts lower case, spaces and padding, as people copy secrets by hand. */
export function base32Decode(text: string): Uint8Array {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error(`base32: invalid character "${char}"`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 255);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return new Uint8Array(out);
}

/** RFC 4226 section 5.3: HMAC over the 8-byte big-endian counter, dynamic truncation, modulo 10^digits. */
export async function hotp(secret: Uint8Array, counter: number, digits = TOTP_DIGITS, hash: HmacHash = 'SHA-1'): Promise<string> {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new RangeError('hotp: counter must be a non-negative integer');
  const key = await crypto.subtle.importKey('raw', secret as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash }, false, ['sign']);
  const message = new Uint8Array(8);
  // Split into two 32-bit halves: bitwise operators in JS only see 32 bits.
  const view = new DataView(message.buffer);
  view.setUint32(0, Math.floor(counter / 2 ** 32));
  view.setUint32(4, counter >>> 0);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary =
    ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step that contains `ms` (RFC 6238 T = floor((unix time - T0) / X), T0 = 0). */
export function totpStep(ms: number, period = TOTP_PERIOD_SECONDS): number {
  return Math.floor(ms / 1000 / period);
}

export async function totp(secret: Uint8Array, ms: number, digits = TOTP_DIGITS, hash: HmacHash = 'SHA-1'): Promise<string> {
  return hotp(secret, totpStep(ms), digits, hash);
}

/**
 * Why a code was refused: what the `reason` of a 400 `INVALID_MFA_CODE` says (ext). `replaced`
 * is an SMS code a resend superseded; TOTP checks never give it.
 */
export type CodeRefusal = 'reused' | 'expired' | 'replaced' | 'invalid';

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: Exclude<CodeRefusal, 'replaced'> };

/**
 * Steps before the accepted window (10 minutes of them) whose codes are still recognised, so a
 * code read off a phone and typed late is told "expired" rather than "wrong". They are never
 * accepted; a guesser gains nothing but that word, for a code that opens nothing.
 */
export const TOTP_EXPIRED_STEPS = 20;

/**
 * Checks a code against now ±TOTP_WINDOW. Steps at or before `lastUsedStep` are never accepted,
 * so a code (or an older one) cannot be used twice. A refusal says why: `reused` for the code of
 * the step last used, `expired` for the code of an older step (one of the last 10 minutes, or in
 * the window but older than the step last used), else `invalid`. Every candidate is computed and
 * compared without an early exit.
 */
export async function checkTotp(secret: Uint8Array, code: string, ms: number, lastUsedStep: number | null): Promise<TotpCheck> {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'invalid' };
  const now = totpStep(ms);
  let found: number | null = null;
  let reused = false;
  let old = false;
  for (let step = now - TOTP_WINDOW - TOTP_EXPIRED_STEPS; step <= now + TOTP_WINDOW; step++) {
    if (step < 0) continue;
    const candidate = await hotp(secret, step);
    let diff = 0;
    for (let i = 0; i < code.length; i++) diff |= candidate.charCodeAt(i) ^ code.charCodeAt(i);
    if (diff !== 0) continue;
    const spent = lastUsedStep !== null && step <= lastUsedStep;
    if (step === lastUsedStep) reused = true;
    else if (spent || step < now - TOTP_WINDOW) old = true;
    else if (found === null) found = step;
  }
  if (found !== null) return { ok: true, step: found };
  return { ok: false, reason: reused ? 'reused' : old ? 'expired' : 'invalid' };
}

/** The step whose code `checkTotp` accepts, or null. */
export async function matchTotp(secret: Uint8Array, code: string, ms: number, lastUsedStep: number | null): Promise<number | null> {
  const checked = await checkTotp(secret, code, ms, lastUsedStep);
  return checked.ok ? checked.step : null;
}

/** The `otpauth://` URI of the Key Uri Format that authenticator apps scan. */
export function provisioningUri(secretBase32: string, account: string, issuer: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({
    secret: secretBase32,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}

/**
 * The URI as a QR code in an SVG data URI, so the client needs no QR library (and the secret
 * no third party). Dark modules are drawn as horizontal runs, one unit each, which keeps the
 * answer a few KB; the image scales to whatever size the page gives it.
 */
export function qrCodeDataUri(text: string): string {
  // A 4-module quiet zone is what the QR spec asks for; phones read tighter ones less reliably.
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  let path = '';
  for (let y = 0; y < size; y++) {
    const row = data[y]!;
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      let end = x;
      while (end + 1 < size && row[end + 1]) end++;
      path += `M${x} ${y}h${end - x + 1}v1H${x}z`;
      x = end;
    }
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`;
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}
