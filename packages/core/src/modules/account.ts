import type { ApiSignInResponse, ApiUser } from '../api-types.ts';
import type { JanuaClient } from '../client.ts';
import { JanuaError } from '../errors.ts';
import { defineModule } from '../internal.ts';
import { confirming } from './confirming.ts';
import { noteLinkAsked } from './magic-link-mark.ts';
import { invalidate } from '../resource.ts';
import { toUser, toWire, type SignInResult, type User, type UserPatch } from '../types.ts';

/**
 * A profile change. `profileImageUrl` (`profile_image_url`) is not in API.md's `PATCH /users/me`:
 * it is sent, and a server that ignores it answers the user unchanged, which callers can see.
 */
export interface AccountPatch extends UserPatch {
  profileImageUrl?: string | null;
}

export interface AccountModule {
  /** Same as `client.updateUser`, plus `profileImageUrl`. */
  update(patch: AccountPatch): Promise<User>;
  /**
   * Keeps this session; `revokeOtherSessions` ends the others. Without `currentPassword`, sets the
   * first password of an account that has none (`user.hasPassword` false; a sign-in of the last
   * 10 minutes confirms it), and `user.hasPassword` becomes true.
   */
  changePassword(params: { currentPassword?: string; newPassword: string; revokeOtherSessions?: boolean }): Promise<{ revokedCount: number }>;
  /** Always resolves the same way, whether or not the account exists. */
  requestPasswordReset(params: { email: string; redirectBase?: string }): Promise<void>;
  /** Ends every session of the account (the server's rule); sign in with the new password. */
  resetPassword(params: { token: string; newPassword: string }): Promise<void>;
  /** Confirms the signed-in account's address (the server needs that account's session); the user here follows. */
  verifyEmail(token: string): Promise<void>;
  resendVerification(): Promise<void>;
  requestMagicLink(params: { email: string; redirectUrl?: string }): Promise<void>;
  /** Signs in with a mailed link; an MFA account gets the pending step (`via: 'magic-link'`). */
  completeMagicLink(token: string): Promise<SignInResult>;
  /** Everything the server holds on the user (GDPR export, ext). */
  exportData(): Promise<Record<string, unknown>>;
  /** Whether to offer the export: false once the server answered 404 to it (a server without the extension). */
  readonly exportAvailable: boolean;
  /**
   * Deletes the account; then signed out here and in every tab. An account without a password
   * (`user.hasPassword` false) sends none: a sign-in of the last 10 minutes confirms it, else the
   * server answers 403 with `details.reason: 'reauthentication_required'`.
   */
  deleteAccount(password?: string): Promise<void>;
}

/** The signed-in user's account, and the emailed-link flows around it. */
export const account: (client: JanuaClient) => AccountModule = /* @__PURE__ */ defineModule((client, i) => {
  const post = (path: string, body: unknown, auth = false) => i.call('POST', path, body, { auth }).then(() => undefined);
  let noExport = false;
  return {
    get exportAvailable() {
      return !noExport;
    },
    async update({ profileImageUrl, ...patch }) {
      if (profileImageUrl === undefined) return client.updateUser(patch);
      const user = toUser(await i.call<ApiUser>('PATCH', '/users/me', { ...toWire(patch), profile_image_url: profileImageUrl }));
      i.setUser(user);
      return user;
    },
    async changePassword({ currentPassword, newPassword, revokeOtherSessions }) {
      const res = await confirming(i, i.call<{ revoked_count?: number }>('POST', '/auth/password/change', {
        current_password: currentPassword, new_password: newPassword, revoke_other_sessions: revokeOtherSessions,
      }));
      let count = res?.revoked_count;
      // The field is ours (ext): a server without it ignored the ask, so end them the contract's way.
      if (revokeOtherSessions && typeof count !== 'number') {
        // The password has changed by now: a refusal here must not read as the change failing.
        count = (await i.call<{ revoked_count?: number }>('DELETE', '/sessions/').catch(() => null))?.revoked_count;
      }
      const revokedCount = Number(count ?? 0);
      if (revokedCount) invalidate(client, 'sessions');
      const user = i.get().user;
      if (user && !user.hasPassword) i.setUser(Object.freeze({ ...user, hasPassword: true }));
      return { revokedCount };
    },
    requestPasswordReset: ({ email, redirectBase }) => post('/auth/password/forgot', { email, redirect_base: redirectBase }),
    resetPassword: ({ token, newPassword }) => post('/auth/password/reset', { token, new_password: newPassword }),
    async verifyEmail(token) {
      // The server confirms the address of the signed-in account the link was sent to (docs/api.md):
      // signed out it answers 401 (`reason: 'sign_in_required'`), for another account 403.
      const signedIn = i.get().status === 'signed-in';
      await post('/auth/email/verify', { token }, signedIn);
      if (signedIn) await i.call<ApiUser>('GET', '/auth/me').then((me) => i.setUser(toUser(me)), () => undefined);
    },
    resendVerification: () => post('/auth/email/resend-verification', undefined, true),
    requestMagicLink: async ({ email, redirectUrl }) => {
      await post('/auth/magic-link', { email, redirect_url: redirectUrl });
      noteLinkAsked(client, true);
    },
    async completeMagicLink(token) {
      const answer = await i.call<ApiSignInResponse>('POST', '/auth/magic-link/verify', { token }, { auth: false, cookie: true });
      noteLinkAsked(client, false);
      return i.completeSignIn(answer, 'magic-link');
    },
    exportData: () => i.call<Record<string, unknown>>('GET', '/users/me/export').catch((error: unknown) => {
      if (JanuaError.is(error) && error.status === 404) noExport = true;
      throw error;
    }),
    async deleteAccount(password) {
      await confirming(i, i.call('DELETE', '/users/me', { password }, { cookie: true }));
      i.signedOut();
    },
  };
});
