import type { ApiUser } from '../api-types.ts';
import { JanuaError } from '../errors.ts';
import type { Internals } from '../internal.ts';
import { toUser } from '../types.ts';

/**
 * A call that confirms with the password. When it answers 422 for a password this client thought
 * the account did not have (`hasPassword` false: a first one was set on another device since),
 * the user is read again before the error is passed on, so the password field is back to type in.
 */
export async function confirming<T>(i: Internals, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (JanuaError.is(error) && error.status === 422 && i.get().user?.hasPassword === false
      && ('password' in error.fieldErrors || 'current_password' in error.fieldErrors)) {
      await i.call<ApiUser>('GET', '/auth/me').then((me) => i.setUser(toUser(me)), () => undefined);
    }
    throw error;
  }
}
