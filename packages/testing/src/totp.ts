import { createHmac } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(secret: string): Buffer {
  const clean = secret.replace(/[\s=-]/g, '').toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error(`totp: the secret is not base32 ("${char}")`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 255);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

export interface TotpOptions {
  /** The moment, in ms (default now). */
  time?: number;
  /** Seconds per step (default 30) and digits (default 6): what authenticator apps use. */
  period?: number;
  digits?: number;
}

/** The RFC 6238 code (HMAC-SHA-1) of a base32 secret, as an authenticator app shows it. */
export function totp(secret: string, { time = Date.now(), period = 30, digits = 6 }: TotpOptions = {}): string {
  return hotp(base32(secret), Math.floor(time / 1000 / period), digits);
}

function hotp(key: Buffer, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeUInt32BE(Math.floor(counter / 2 ** 32), 0);
  message.writeUInt32BE(counter >>> 0, 4);
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(code).padStart(digits, '0');
}

const used = new Map<string, number>();

/**
 * A code the server has not seen yet for this secret. Servers refuse a code used twice (replay)
 * and accept one step either side of now, so a second code within the same 30 s is the next
 * step's; a third waits for the clock to reach the step it needs.
 */
export async function freshTotp(secret: string, period = 30): Promise<string> {
  const now = Math.floor(Date.now() / 1000 / period);
  const step = Math.max(now, (used.get(secret) ?? -1) + 1);
  if (step > now + 1) await new Promise((resolve) => setTimeout(resolve, (step - 1) * period * 1000 - Date.now() + 50));
  used.set(secret, step);
  return totp(secret, { time: step * period * 1000, period });
}
