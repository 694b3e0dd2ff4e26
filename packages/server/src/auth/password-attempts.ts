import type { AppContext } from '../context.ts';
import { accountLockedError, retryAfterError } from '../http/middleware.ts';

/**
 * Checks a password against the account behind `key` (`user:<id>`, or `login:<name>` for a name
 * no account has) under the per-account limit and the lockout: 429 or 423 instead of a
 * verification once they refuse, a wrong password counted, a right one clearing the count when
 * `clear` is set (a sign-in). The count starts before the verification is awaited
 * (`PasswordAttempts`), so parallel requests cannot slip past it.
 */
export async function verifyPasswordAttempt(ctx: AppContext, key: string, userId: string | null,
  verify: () => Promise<boolean>, clear: boolean): Promise<boolean> {
  const attempts = ctx.limits?.passwords;
  if (!attempts) return verify();
  const refusal = attempts.begin(key);
  if (refusal?.status === 429) throw retryAfterError(refusal.retryAfter);
  if (refusal?.status === 423) throw accountLockedError(refusal.retryAfter);
  let ok: boolean;
  try {
    ok = await verify();
  } catch (error) {
    attempts.dropped(key);
    throw error;
  }
  if (ok) attempts.passed(key, clear);
  else attempts.failed(key, userId);
  return ok;
}
