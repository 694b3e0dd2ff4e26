import type { PASSWORD_RULES as SharedRules } from '../../../core/src/api-types.ts';
import { ApiError, validationError } from '../http/errors.ts';
import { base64url, constantTimeEqual, fromBase64url, randomBytes, utf8 } from '../util.ts';

/**
 * Turns a password into a self-describing string (`algorithm$params$salt$hash`) and checks a
 * password against one. The encoded form carries its parameters, so raising the cost later
 * leaves existing hashes verifiable; `needsRehash` says when a hash that still verifies should
 * be replaced at the next sign-in (an older algorithm, or parameters below the current ones).
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, encoded: string): Promise<boolean>;
  needsRehash?(encoded: string): boolean;
}

/** The same numbers as the client's PASSWORD_RULES; the type pins them to that constant. */
export const PASSWORD_RULES: typeof SharedRules = { minLength: 8, maxLength: 128 };

/**
 * A string with an unpaired UTF-16 surrogate cannot be encoded: TextEncoder and Buffer turn each
 * into U+FFFD, so "\uD800x" and "\uDFFFx" would hash alike. Such input is refused, never hashed.
 */
export function isWellFormed(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  if (typeof native === 'function') return native.call(text);
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/**
 * NIST SP 800-63B (5.1.1.2): passwords are normalized with NFKC before hashing, so the same
 * password typed with composed or decomposed accents, or with full-width or ligature forms,
 * is the same password.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/**
 * Hashes made before NFKC (scrypt, PBKDF2) were taken over the NFC form. Where NFC and NFKC
 * differ, such a hash is checked against NFC too; the sign-in that succeeds replaces it.
 */
export function legacyForms(password: string): string[] {
  const nfkc = normalizePassword(password);
  const nfc = password.normalize('NFC');
  return nfc === nfkc ? [nfkc] : [nfkc, nfc];
}

/**
 * PBKDF2-SHA256 through Web Crypto, for the browser build where neither Argon2id nor scrypt is
 * available. 600,000 iterations is OWASP's figure; the in-browser demo may pass fewer (see
 * createBrowserApp), and verify always uses the count stored in the hash.
 */
export function createPbkdf2Hasher(iterations = 600_000): PasswordHasher {
  const derive = async (password: string, salt: Uint8Array, rounds: number, bytes: number) => {
    const key = await crypto.subtle.importKey('raw', utf8(password) as Uint8Array<ArrayBuffer>, 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations: rounds },
      key,
      bytes * 8,
    );
    return new Uint8Array(bits);
  };
  const parse = (encoded: string) => {
    const parts = encoded.split('$');
    const rounds = Number(/^i=(\d+)$/.exec(parts[1] ?? '')?.[1]);
    // 10 million rounds is a minute of CPU: a crafted row must not cost more than that.
    if (parts.length !== 4 || parts[0] !== 'pbkdf2-sha256' || !Number.isSafeInteger(rounds) || rounds < 1 || rounds > 10_000_000) return null;
    return { rounds, salt: parts[2]!, hash: parts[3]! };
  };
  return {
    async hash(password) {
      if (!isWellFormed(password)) throw new TypeError('password is not well-formed UTF-16');
      const salt = randomBytes(16);
      const hash = await derive(normalizePassword(password), salt, iterations, 32);
      return `pbkdf2-sha256$i=${iterations}$${base64url(salt)}$${base64url(hash)}`;
    },
    async verify(password, encoded) {
      const parsed = parse(encoded);
      if (!parsed || !isWellFormed(password)) return false;
      const expected = fromBase64url(parsed.hash);
      if (expected.length < 16) return false;
      let ok = false;
      for (const form of legacyForms(password)) {
        ok = constantTimeEqual(await derive(form, fromBase64url(parsed.salt), parsed.rounds, expected.length), expected) || ok;
      }
      return ok;
    },
    needsRehash(encoded) {
      const parsed = parse(encoded);
      return !parsed || parsed.rounds < iterations;
    },
  };
}

/**
 * Passwords people pick first; anyone guessing tries these before anything else. Only entries
 * that pass the length rule are worth listing. Compared case-insensitively. The Node server
 * checks the 49,000 entries of zxcvbn's breached-password list and a strength estimate on top
 * (strength.ts); this short list is what the in-browser build (Storybook) checks.
 */
const COMMON_PASSWORDS = new Set([
  'password', 'password1', 'password12', 'password123', 'password1234', 'passw0rd', 'p@ssw0rd', 'p@ssword',
  '12345678', '123456789', '1234567890', '12345678910', '87654321', '11111111', '00000000', '88888888',
  '123123123', '11223344', '12341234', '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx', 'zaq12wsx', 'q1w2e3r4',
  'qwerty12', 'qwerty123', 'qwertyui', 'qwertyuiop', 'asdfghjk', 'asdfghjkl', 'asdfasdf', 'zxcvbnm1',
  'zxcvbnma', 'abc12345', 'abcd1234', 'abcdefgh', 'iloveyou', 'iloveyou1', 'sunshine', 'princess',
  'football', 'baseball', 'basketball', 'superman', 'starwars', 'whatever', 'trustno1', 'letmein1',
  'letmein123', 'welcome1', 'welcome123', 'admin123', 'administrator', 'changeme', 'default1',
  'computer', 'internet', 'michelle', 'jennifer', 'jordan23', 'mercedes', 'corvette', 'elephant',
  'chocolate', 'butterfly', 'dragon12', 'monkey12', 'master12', 'shadow12', 'secret12', 'security',
  'password!', 'passport', 'qazwsxedc', 'aaaaaaaa', '1234qwer', 'qwer1234', 'test1234', 'testtest',
  'hello123', 'iloveu123', 'lovelove', 'football1', 'liverpool', 'blink182', 'pokemon1', 'minecraft',
  'password1!', 'welcome1!', 'qwerty123!', 'p@ssw0rd1', 'p@ssw0rd!', 'passw0rd!', 'password123!',
]);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(normalizePassword(password).toLowerCase());
}

/** Why a new password is refused; `type` is stable so a client can localize the message. */
export type PasswordProblemType =
  | 'password_breached'
  | 'password_common'
  | 'password_weak'
  | 'password_contains_email'
  | 'password_contains_username';

export interface PasswordProblem {
  type: PasswordProblemType;
  message: string;
}

/** What a new password is checked against besides itself. */
export interface PasswordContext {
  email?: string | null;
  username?: string | null;
}

/**
 * Decides whether a well-formed password of an allowed length may be set. Passed to the app like
 * the hasher: the Node server uses the zxcvbn-based policy (strength.ts), the browser build the
 * short list below.
 */
export interface PasswordPolicy {
  readonly name: string;
  check(password: string, context: PasswordContext): Promise<PasswordProblem | null>;
  /** Loads what the policy needs ahead of the first check (the Node server calls it at start). */
  ready?(): Promise<void>;
}

/** The email, its local part and the username, lowercased: what a password must not be. */
export function personalWords(context: PasswordContext): { email: string[]; username: string[] } {
  const email = context.email ? [context.email.toLowerCase(), context.email.toLowerCase().split('@')[0]!] : [];
  const username = context.username ? [context.username.toLowerCase()] : [];
  return { email: email.filter(Boolean), username: username.filter(Boolean) };
}

/** A password equal to the email, its local part or the username (ignoring case). */
export function personalProblem(password: string, context: PasswordContext): PasswordProblem | null {
  const lowered = normalizePassword(password).toLowerCase();
  const words = personalWords(context);
  if (words.email.includes(lowered)) return { type: 'password_contains_email', message: 'The password cannot be your email address' };
  if (words.username.includes(lowered)) return { type: 'password_contains_username', message: 'The password cannot be your username' };
  return null;
}

/**
 * The light policy of the in-browser build: the list above and the personal words. Documented
 * as weaker (packages/server/README.md); a tab's demo data protects nothing real, and zxcvbn's
 * dictionaries would add about 1.5 MB to every Storybook page.
 */
export function createListPolicy(): PasswordPolicy {
  return {
    name: 'list',
    async check(password, context) {
      const personal = personalProblem(password, context);
      if (personal) return personal;
      if (isCommonPassword(password)) return { type: 'password_breached', message: 'This password is too common: it is on the list of the most common passwords' };
      if (new Set(normalizePassword(password)).size === 1) return { type: 'password_weak', message: 'A password of one repeated character is easy to guess' };
      return null;
    },
  };
}

/**
 * Shape and length problems are field errors (422, like every other field); a password that is
 * well-formed but guessable is a rule violation (400 WEAK_PASSWORD), still naming the field and
 * a machine-readable `type` so a form can show (and localize) it in place.
 */
export async function checkNewPassword(policy: PasswordPolicy, password: string, context: PasswordContext, field = 'password'): Promise<void> {
  if (!isWellFormed(password)) {
    throw validationError([{ field, message: 'Password must be valid Unicode text (it has an unpaired surrogate)', type: 'format' }]);
  }
  const length = [...password].length;
  if (length < PASSWORD_RULES.minLength || length > PASSWORD_RULES.maxLength) {
    const tooShort = length < PASSWORD_RULES.minLength;
    throw validationError([
      {
        field,
        message: tooShort
          ? `Password must be at least ${PASSWORD_RULES.minLength} characters`
          : `Password must be at most ${PASSWORD_RULES.maxLength} characters`,
        type: tooShort ? 'min_length' : 'max_length',
      },
    ]);
  }
  const problem = await policy.check(password, context);
  if (problem) {
    throw new ApiError(400, 'WEAK_PASSWORD', problem.message, {
      validation_errors: [{ field, message: problem.message, type: problem.type }],
    });
  }
}
