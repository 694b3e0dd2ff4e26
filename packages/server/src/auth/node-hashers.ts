/**
 * The Node password hashers (imported by node.ts only, never by the browser build).
 *
 * New hashes are Argon2id at OWASP's parameters or above; scrypt and PBKDF2 hashes made by
 * earlier versions still verify and are replaced at the next successful sign-in (`needsRehash`).
 */
import { hash as argon2Hash, parseOptions as argon2Params, verify as argon2Verify } from '@node-rs/argon2';
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { createPbkdf2Hasher, isWellFormed, legacyForms, normalizePassword, type PasswordHasher } from './password.ts';

/** `Algorithm.Argon2id` of @node-rs/argon2 (a `const enum` there, which isolated modules cannot inline). */
const ARGON2ID = 2;

export interface Argon2Params {
  /** KiB of memory per hash. Default 65536 (64 MiB): RFC 9106's second recommended option. */
  memoryCost?: number;
  /** Passes over the memory. Default 3. */
  timeCost?: number;
  /** Lanes. Default 1 (the server gets its parallelism from concurrent requests). */
  parallelism?: number;
  /**
   * Parameters below OWASP's floor (19 MiB with t = 2, or an equivalent trade) are refused
   * unless this is set. Only tests set it, through `createTestApp`, to keep thousands of hashes
   * cheap; a server never runs below the floor by accident.
   */
  insecureForTests?: boolean;
}

/**
 * OWASP Password Storage Cheat Sheet, Argon2id with p = 1: m = 47104 KiB (46 MiB) with t = 1,
 * 19456 (19 MiB) with t = 2, 12288 with t = 3, 9216 with t = 4, 7168 with t = 5 or more.
 */
const OWASP_MIN_MEMORY_BY_PASSES = [Infinity, 47104, 19456, 12288, 9216, 7168];

export function meetsOwaspArgon2(p: { memoryCost: number; timeCost: number }): boolean {
  return p.timeCost >= 1 && p.memoryCost >= OWASP_MIN_MEMORY_BY_PASSES[Math.min(p.timeCost, 5)]!;
}

/** Bounds for parameters read back from a stored hash, so a crafted row cannot exhaust the machine. */
const MAX_ARGON2_MEMORY_KIB = 256 * 1024;
const MAX_ARGON2_TIME = 10;
const MAX_ARGON2_LANES = 8;

export function createArgon2Hasher(params: Argon2Params = {}): PasswordHasher {
  const memoryCost = params.memoryCost ?? 65536;
  const timeCost = params.timeCost ?? 3;
  const parallelism = params.parallelism ?? 1;
  if (!params.insecureForTests && !meetsOwaspArgon2({ memoryCost, timeCost })) {
    throw new Error(`createArgon2Hasher: m=${memoryCost} KiB, t=${timeCost} is below OWASP's floor (m=19456, t=2 or an equivalent); pass insecureForTests only in tests`);
  }
  const options = { algorithm: ARGON2ID, memoryCost, timeCost, parallelism, outputLen: 32 };
  return {
    async hash(password) {
      if (!isWellFormed(password)) throw new TypeError('password is not well-formed UTF-16');
      return argon2Hash(normalizePassword(password), options);
    },
    async verify(password, encoded) {
      if (!encoded.startsWith('$argon2id$') || !isWellFormed(password)) return false;
      let stored;
      try {
        stored = argon2Params(encoded);
      } catch {
        return false;
      }
      if (stored.memoryCost > MAX_ARGON2_MEMORY_KIB || stored.timeCost > MAX_ARGON2_TIME || stored.parallelism > MAX_ARGON2_LANES || stored.outputLen < 16) return false;
      try {
        return await argon2Verify(encoded, normalizePassword(password));
      } catch {
        return false;
      }
    },
    needsRehash(encoded) {
      if (!encoded.startsWith('$argon2id$')) return true;
      try {
        const stored = argon2Params(encoded);
        return stored.memoryCost < memoryCost || stored.timeCost < timeCost || stored.outputLen < 32;
      } catch {
        return true;
      }
    },
  };
}

export interface ScryptParams {
  /** log2 of the cost N. Default 17 (OWASP): N = 131072, with r = 8 that is 128·N·r = 128 MiB per hash. */
  log2N?: number;
  r?: number;
  p?: number;
  /** As for Argon2: below N = 2^17 (r = 8, p = 1, or the same N·r·p) only when a test says so. */
  insecureForTests?: boolean;
}

function scrypt(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((done, fail) => scryptCallback(password, salt, length, options, (err, key) => (err ? fail(err) : done(key))));
}

/** Memory one scrypt hash may use when verifying a stored one: 256 MiB. */
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;

/**
 * scrypt from node:crypto (on libuv's thread pool). Encoded as `scrypt$ln=17,r=8,p=1$<salt>$<hash>`.
 * Still able to hash (for operators who choose it), but the default server hashes with Argon2id
 * and keeps scrypt to verify hashes from earlier versions. Parameters read back from a hash are
 * bounded by memory (128·N·r ≤ 256 MiB) and by work, so a crafted row cannot make verify
 * allocate gigabytes (before, each factor was bounded alone: ln=20, r=32 passed, 4 GiB).
 */
export function createScryptHasher({ log2N = 17, r = 8, p = 1, insecureForTests = false }: ScryptParams = {}): PasswordHasher {
  if (!insecureForTests && 2 ** log2N * r * p < 2 ** 17 * 8) {
    throw new Error(`createScryptHasher: N=2^${log2N}, r=${r}, p=${p} is below OWASP's floor (N=2^17, r=8, p=1); pass insecureForTests only in tests`);
  }
  const run = (password: string, salt: Buffer, ln: number, rr: number, pp: number, length: number) =>
    scrypt(password, salt, length, { N: 2 ** ln, r: rr, p: pp, maxmem: 129 * 2 ** ln * rr + 1024 * 1024 });
  const parse = (encoded: string) => {
    const [alg, params, salt, hash] = encoded.split('$');
    const m = /^ln=(\d+),r=(\d+),p=(\d+)$/.exec(params ?? '');
    if (alg !== 'scrypt' || !m || salt === undefined || hash === undefined) return null;
    const [ln, rr, pp] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (ln < 1 || ln > 24 || rr < 1 || rr > 32 || pp < 1 || pp > 16) return null;
    if (128 * 2 ** ln * rr > MAX_SCRYPT_MEMORY || 2 ** ln * rr * pp > 2 ** 20 * 8) return null;
    return { ln, rr, pp, salt, hash };
  };
  return {
    async hash(password) {
      if (!isWellFormed(password)) throw new TypeError('password is not well-formed UTF-16');
      const salt = randomBytes(16);
      const key = await run(normalizePassword(password), salt, log2N, r, p, 32);
      return `scrypt$ln=${log2N},r=${r},p=${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
    },
    async verify(password, encoded) {
      const parsed = parse(encoded);
      if (!parsed || !isWellFormed(password)) return false;
      const expected = Buffer.from(parsed.hash, 'base64url');
      if (expected.length < 16) return false;
      let ok = false;
      for (const form of legacyForms(password)) {
        const actual = await run(form, Buffer.from(parsed.salt, 'base64url'), parsed.ln, parsed.rr, parsed.pp, expected.length);
        ok = timingSafeEqual(actual, expected) || ok;
      }
      return ok;
    },
    needsRehash(encoded) {
      const parsed = parse(encoded);
      return !parsed || 2 ** parsed.ln * parsed.rr * parsed.pp < 2 ** log2N * r * p;
    },
  };
}

/**
 * The server's hasher: new hashes with `primary` (Argon2id by default), and every format this
 * server has ever written still verifies: Argon2id, scrypt (before this version) and PBKDF2 (a
 * database first used by the in-browser build). Anything but a current Argon2id hash reports
 * `needsRehash`, so the next successful sign-in replaces it.
 */
export function createNodeHasher(options: { argon2?: Argon2Params } = {}): PasswordHasher {
  const primary = createArgon2Hasher(options.argon2);
  // Verification only: these never hash, so their floors do not apply.
  const scrypt = createScryptHasher({ insecureForTests: true, log2N: 1 });
  const pbkdf2 = createPbkdf2Hasher(1);
  return {
    hash: (password) => primary.hash(password),
    verify(password, encoded) {
      if (encoded.startsWith('$argon2id$')) return primary.verify(password, encoded);
      if (encoded.startsWith('scrypt$')) return scrypt.verify(password, encoded);
      if (encoded.startsWith('pbkdf2-sha256$')) return pbkdf2.verify(password, encoded);
      return Promise.resolve(false);
    },
    needsRehash: (encoded) => primary.needsRehash!(encoded),
  };
}
