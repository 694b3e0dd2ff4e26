import type { PASSWORD_RULES as SharedRules } from '../../../core/src/api-types.ts';
import { ApiError, validationError } from '../http/errors.ts';
import { base64url, constantTimeEqual, fromBase64url, randomBytes, utf8 } from '../util.ts';

/**
 * Turns a password into a self-describing string (`algorithm$params$salt$hash`) and checks a
 * password against one. The encoded form carries its parameters, so raising the cost later
 * leaves existing hashes verifiable.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, encoded: string): Promise<boolean>;
}

/** The same numbers as the client's PASSWORD_RULES; the type pins them to that constant. */
export const PASSWORD_RULES: typeof SharedRules = { minLength: 8, maxLength: 128 };

/**
 * PBKDF2-SHA256 through Web Crypto, for the browser build where scrypt is not available.
 * 600,000 iterations is OWASP's 2023 figure; the in-browser demo may pass fewer (see
 * createBrowserApp), and verify always uses the count stored in the hash.
 */
export function createPbkdf2Hasher(iterations = 600_000): PasswordHasher {
  const derive = async (password: string, salt: Uint8Array, rounds: number, bytes: number) => {
    // NFC, as the scrypt hasher does: the same password typed on two keyboards must match.
    const key = await crypto.subtle.importKey('raw', utf8(password.normalize('NFC')) as Uint8Array<ArrayBuffer>, 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations: rounds },
      key,
      bytes * 8,
    );
    return new Uint8Array(bits);
  };
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const hash = await derive(password, salt, iterations, 32);
      return `pbkdf2-sha256$i=${iterations}$${base64url(salt)}$${base64url(hash)}`;
    },
    async verify(password, encoded) {
      const parts = encoded.split('$');
      const rounds = Number(/^i=(\d+)$/.exec(parts[1] ?? '')?.[1]);
      if (parts.length !== 4 || parts[0] !== 'pbkdf2-sha256' || !Number.isSafeInteger(rounds) || rounds < 1) {
        return false;
      }
      const expected = fromBase64url(parts[3]!);
      const actual = await derive(password, fromBase64url(parts[2]!), rounds, expected.length);
      return constantTimeEqual(actual, expected);
    },
  };
}

/**
 * Passwords people pick first; anyone guessing tries these before anything else. Only entries
 * that pass the length rule are worth listing. Compared case-insensitively.
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
]);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/**
 * Shape and length problems are field errors (422, like every other field); a password that is
 * well-formed but guessable is a rule violation (400 WEAK_PASSWORD), still naming the field so
 * a form can show it there.
 */
export function checkPassword(password: string, identities: readonly (string | null | undefined)[]): void {
  const length = [...password].length;
  if (length < PASSWORD_RULES.minLength || length > PASSWORD_RULES.maxLength) {
    const tooShort = length < PASSWORD_RULES.minLength;
    throw validationError([
      {
        field: 'password',
        message: tooShort
          ? `Password must be at least ${PASSWORD_RULES.minLength} characters`
          : `Password must be at most ${PASSWORD_RULES.maxLength} characters`,
        type: tooShort ? 'min_length' : 'max_length',
      },
    ]);
  }
  const lowered = password.toLowerCase();
  const personal = identities
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .flatMap((v) => [v.toLowerCase(), v.toLowerCase().split('@')[0]!]);
  const reason = isCommonPassword(password)
    ? 'This password is too common'
    : personal.includes(lowered)
      ? 'The password cannot be your email address or username'
      : null;
  if (reason) {
    throw new ApiError(400, 'WEAK_PASSWORD', reason, {
      validation_errors: [{ field: 'password', message: reason, type: 'weak_password' }],
    });
  }
}
