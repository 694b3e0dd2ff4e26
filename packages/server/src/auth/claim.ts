/**
 * Pre-account takeover (Sudhodanan and Paverd, "Pre-hijacked accounts", USENIX Security 2022).
 *
 * Anyone can sign up with someone else's email address; the account then stays unverified.
 * Until someone proves control of the address, everything attached to the account (the
 * password, sessions, second factors, passkeys, identities from other providers and the
 * organizations whose identity provider signed in to it) was attached by whoever typed the
 * address: possibly not its owner. The first proof of control that signs someone in or sets a
 * password (a magic link, a password-reset link, a social provider that vouches for the
 * address) *claims* the account: the prover ends up alone, and everything attached before is
 * removed, the change recorded in `security_events` and mailed to the address.
 *
 * An account whose address is already verified is never claimed: its holder proved the
 * address, so what they attached is theirs.
 */
import type { AppContext } from '../context.ts';
import { mfaService } from '../mfa/service.ts';
import { oauthAccountsTable } from '../oauth/tables.ts';
import { membershipsTable } from '../orgs/tables.ts';
import { escapeHtml } from '../outbox.ts';
import { passkeysTable } from '../passkeys/tables.ts';
import { revokeSessions } from '../recovery/common.ts';
import { oneTimeTokensTable } from '../recovery/one-time-tokens.ts';
import { defineTable } from '../store/types.ts';
import { uuid } from '../util.ts';
import { usersTable, type UserRow } from './users.ts';

/** How the address was proven. */
export type ClaimProof = 'magic_link' | 'password_reset' | `oauth:${string}`;

/** A security-relevant change to an account, kept for the account holder (GDPR export) and support. */
export interface SecurityEventRow {
  id: string;
  user_id: string;
  type: 'account_claimed';
  created_at: number;
  data: Record<string, unknown>;
}

export const securityEventsTable = defineTable<SecurityEventRow>({
  name: 'security_events',
  columns: {
    id: { type: 'text' },
    user_id: { type: 'text' },
    type: { type: 'text' },
    created_at: { type: 'integer' },
    data: { type: 'json' },
  },
  indexes: [{ fields: ['user_id'] }],
  foreignKeys: [{ field: 'user_id', table: usersTable.name, onDelete: 'cascade' }],
});

export interface ClaimResult {
  user: UserRow;
  /** False when the address was already verified: nothing was removed. */
  claimed: boolean;
  removed: {
    sessions: number;
    password: boolean;
    second_factors: boolean;
    passkeys: number;
    linked_identities: number;
    organization_memberships: number;
  };
}

/**
 * Makes the prover of `user.email` the account's only holder, if the address was not yet
 * verified; marks it verified either way. Call inside the transaction of the sign-in (or reset)
 * that the proof completes, before that sign-in opens its session; then `notifyClaim` after it.
 */
export function claimAccount(ctx: AppContext, user: UserRow, proof: ClaimProof): ClaimResult {
  const fresh = ctx.users.get(user.id) ?? user;
  const none = { sessions: 0, password: false, second_factors: false, passkeys: 0, linked_identities: 0, organization_memberships: 0 };
  if (fresh.email_verified) return { user: fresh, claimed: false, removed: none };
  const now = ctx.now();
  const accounts = ctx.store.table(oauthAccountsTable);
  const members = ctx.store.table(membershipsTable);
  const links = accounts.find({ user_id: user.id });
  // An organization whose identity provider signed in to the unproven account could sign in to
  // it again once it is verified (it would find a member): its membership goes with its link.
  const ssoOrgs = links.filter((l) => l.provider.startsWith('sso:')).map((l) => l.provider.slice(4));
  let memberships = 0;
  for (const orgId of new Set(ssoOrgs)) memberships += members.deleteWhere({ organization_id: orgId, user_id: user.id });
  const mfa = mfaService(ctx);
  const hadFactors = fresh.mfa_enabled || mfa.of(user.id) !== undefined;
  const removed = {
    sessions: revokeSessions(ctx, user.id),
    password: fresh.password_hash !== null,
    second_factors: hadFactors,
    passkeys: ctx.store.table(passkeysTable).deleteWhere({ user_id: user.id }),
    linked_identities: accounts.deleteWhere({ user_id: user.id }),
    organization_memberships: memberships,
  };
  if (hadFactors) mfa.removeAll(user.id);
  // Links mailed before (reset, verification, magic links) were mailed to the owner, but the
  // one being used is the owner's choice: the others die with the old state.
  ctx.store.table(oneTimeTokensTable).updateWhere({ user_id: user.id, used_at: null }, { used_at: now });
  const updated = ctx.users.update(user.id, { email_verified: true, password_hash: null, mfa_enabled: false, updated_at: now })!;
  ctx.store.table(securityEventsTable).insert({ id: uuid(), user_id: user.id, type: 'account_claimed', created_at: now, data: { proof, removed } });
  return { user: updated, claimed: true, removed };
}

/** After the claim committed: the log line, the reset of the attacker-made lockout, and the mail. */
export function notifyClaim(ctx: AppContext, result: ClaimResult, proof: ClaimProof): void {
  if (!result.claimed) return;
  const { user, removed } = result;
  ctx.log(`[security] account ${user.id} claimed by proof of its address (${proof}): ${JSON.stringify(removed)}`);
  ctx.limits?.signinAccount.reset(`user:${user.id}`);
  const lines = [
    `Someone proved control of ${user.email} (${proof.replace(':', ' ')}), and this account had not yet been confirmed by its owner.`,
    'To keep it yours alone, everything set up on it before was removed: every earlier sign-in was ended' +
      (removed.password ? ', the password set before was removed (choose one with "Forgot password")' : '') +
      (removed.second_factors ? ', two-step verification was turned off' : '') +
      (removed.passkeys ? `, ${removed.passkeys} passkey(s) were deleted` : '') +
      (removed.linked_identities ? `, ${removed.linked_identities} linked sign-in(s) were unlinked` : '') +
      '.',
    'If this was you, there is nothing else to do.',
  ];
  const text = `Hello,\n\n${lines.join('\n\n')}`;
  void ctx.outbox.send({
    to: user.email,
    subject: 'Your Janua account is now yours alone',
    text,
    html: text.split('\n\n').map((p) => `<p>${escapeHtml(p)}</p>`).join(''),
  });
}
