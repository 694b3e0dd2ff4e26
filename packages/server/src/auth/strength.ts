import { normalizePassword, personalProblem, personalWords, type PasswordPolicy, type PasswordProblem } from './password.ts';

/**
 * zxcvbn (the TypeScript port, with its common and English dictionaries) as the server's
 * password policy, NIST SP 800-63B 5.1.1.2: a new password is refused when it is on the list of
 * passwords from breach corpora that ships with zxcvbn (about 49,000 entries), when it is or
 * contains the email or username, or when zxcvbn estimates it below `minScore` (default 3: more
 * than 10^8 guesses, so the lockout and a slow hash leave an online attacker nowhere).
 *
 * The dictionaries are ~1.5 MB of JavaScript and take most of a second to unpack, so they are
 * imported on first use (and only on the server: the kit never loads this module).
 */
export interface StrengthPolicyOptions {
  /** zxcvbn score a password needs, 0–4; default 3. */
  minScore?: 0 | 1 | 2 | 3 | 4;
}

/**
 * Only the first 64 characters are rated. zxcvbn's matching grows quickly with length: a crafted
 * 128-character password took over a second of one core with the library's defaults, and the
 * rating runs on the event loop. With 64 characters and at most 8 l33t substitutions per word
 * the worst input measured here stays under ~100 ms (docs/performance.md).
 */
const RATED_LENGTH = 64;
const L33T_MAX_SUBSTITUTIONS = 8;

interface Rater {
  check(password: string, userInputs: string[]): {
    score: number;
    feedback: { warning: string | null; suggestions: string[] };
    sequence: { pattern: string; dictionaryName?: string; token: string }[];
  };
  breached: Set<string>;
}

let loading: Promise<Rater> | null = null;

async function loadRater(): Promise<Rater> {
  const [{ ZxcvbnFactory }, common, en] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]);
  const factory = new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
    maxLength: RATED_LENGTH,
    l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
  });
  const breached = new Set(common.dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return { check: (password, userInputs) => factory.check(password, userInputs) as ReturnType<Rater['check']>, breached };
}

/** Loads the dictionaries once per process (a second app in the same process shares them). */
export function strengthRater(): Promise<Rater> {
  loading ??= loadRater().catch((error) => {
    loading = null;
    throw error;
  });
  return loading;
}

export function createStrengthPolicy(options: StrengthPolicyOptions = {}): PasswordPolicy & { ready(): Promise<void> } {
  const minScore = options.minScore ?? 3;
  return {
    name: 'zxcvbn',
    ready: () => strengthRater().then(() => undefined),
    async check(password, context): Promise<PasswordProblem | null> {
      const personal = personalProblem(password, context);
      if (personal) return personal;
      const rater = await strengthRater();
      const normalized = normalizePassword(password);
      if (rater.breached.has(normalized.toLowerCase())) {
        return { type: 'password_breached', message: 'This password is too common: it appears in lists of passwords exposed in data breaches' };
      }
      const words = personalWords(context);
      const inputs = [...words.email, ...words.username, 'janua'];
      const result = rater.check(normalized, inputs);
      if (result.score >= minScore) return null;
      const advice = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => !!s).join(' ');
      const matches = result.sequence.filter((m) => m.pattern === 'dictionary');
      const personalToken = matches.find((m) => m.dictionaryName === 'userInputs')?.token.toLowerCase();
      if (personalToken !== undefined) {
        const inEmail = words.email.some((w) => w.includes(personalToken) || personalToken.includes(w));
        return inEmail
          ? { type: 'password_contains_email', message: 'The password is too close to your email address' }
          : { type: 'password_contains_username', message: 'The password is too close to your username' };
      }
      if (matches.some((m) => m.dictionaryName === 'passwords-common')) {
        return { type: 'password_common', message: `This password is too common: it is a small change to a commonly used one.${advice ? ` ${advice}` : ''}` };
      }
      return { type: 'password_weak', message: `This password is too easy to guess.${advice ? ` ${advice}` : ''}` };
    },
  };
}
