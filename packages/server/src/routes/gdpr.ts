import type { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { sessionsTable } from '../auth/sessions.ts';
import { toApiUser, type UserRow } from '../auth/users.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { readJson } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { requireAuth } from '../http/middleware.ts';
import { validate } from '../http/validate.ts';
import { membershipsTable, organizationsTable, type OrganizationRow } from '../orgs/tables.ts';
import { confirmPassword, passwordRule } from '../recovery/common.ts';
import type { Table } from '../store/types.ts';
import { iso } from '../util.ts';
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from './auth.ts';

/**
 * GDPR: `GET /users/me/export` (everything held on the caller, as JSON) and `DELETE /users/me`
 * (password-confirmed, see `confirmPassword`; the user and everything that hangs on them, in one transaction).
 */
export function registerGdprRoutes(api: Hono<AppEnv>, ctx: AppContext): void {
  registerBuiltInSources(ctx);
  const auth = requireAuth(ctx);

  api.get('/users/me/export', auth, (c) => {
    const { user } = c.get('auth');
    const fresh = ctx.users.get(user.id)!;
    const { sections, tables, redacted } = ctx.userData.export(fresh);
    c.header('Content-Disposition', 'attachment; filename="janua-export.json"');
    return c.json({
      format: 'janua-export/1',
      exported_at: iso(ctx.now()),
      user: toApiUser(fresh),
      account: { has_password: fresh.password_hash !== null },
      ...sections,
      records: tables,
      redacted_fields: redacted,
    });
  });

  api.delete('/users/me', auth, async (c) => {
    const auth = c.get('auth');
    const { user } = auth;
    const input = validate<{ password?: string }>(await readJson(c.req.raw, ctx.config.bodyLimit), { password: passwordRule(user) });
    await confirmPassword(ctx, auth, input.password);
    ctx.store.transaction(() => {
      // Checked inside the write transaction, so an ownership change cannot slip in between.
      const current = ctx.users.get(user.id);
      if (!current) return;
      ctx.userData.check(current);
      ctx.userData.remove(current);
    });
    ctx.limits?.signinAccount.reset(`user:${user.id}`);
    deleteCookie(c, REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH, secure: ctx.config.secureCookies, httpOnly: true, sameSite: 'Lax' });
    return c.body(null, 204);
  });
}

function registerBuiltInSources(ctx: AppContext): void {
  const sessions = ctx.sessions.sessions;
  ctx.userData.register({
    name: 'sessions',
    tables: [sessionsTable.name],
    export: (user) =>
      sessions.find({ user_id: user.id }, { orderBy: [{ field: 'created_at' }] }).map((s) => ({
        id: s.id,
        ip_address: s.ip_address,
        user_agent: s.user_agent,
        created_at: iso(s.created_at),
        last_activity_at: iso(s.last_activity_at),
        expires_at: iso(s.expires_at),
        revoked_at: iso(s.revoked_at),
      })),
  });

  // What the server "sent": addressed to the account's email or a phone number it holds. Links
  // and codes stay out: a copy of a live reset link in an export file would be a key left lying about.
  ctx.userData.register({
    name: 'messages',
    export: (user) =>
      addressesOf(ctx, user, true).flatMap((to) => ctx.outbox.list(to)).map((m) => ({ to: m.to, subject: m.subject, sent_at: m.sent_at })),
    remove: (user) => void ctx.outbox.forget(addressesOf(ctx, user)),
  });

  // Asked for here rather than found, so the rule holds whatever order the features mount in.
  const organizations = ctx.store.table(organizationsTable);
  const members = ctx.store.table(membershipsTable);
  ctx.userData.register({
    name: 'memberships',
    tables: [membershipsTable.name],
    export: (user) =>
      members.find({ user_id: user.id }).map((m) => {
        const org = organizations.get(m.organization_id);
        return { organization_id: m.organization_id, organization_name: org?.name ?? null, organization_slug: org?.slug ?? null, role: m.role, joined_at: iso(m.created_at) };
      }),
    check: (user) => {
      const stranded = members
        .find({ user_id: user.id, role: 'owner' })
        .filter((m) => members.count({ organization_id: m.organization_id, role: 'owner' }) === 1)
        .filter((m) => members.count({ organization_id: m.organization_id }) > 1)
        .map((m) => organizations.get(m.organization_id))
        .filter((o): o is OrganizationRow => o !== undefined);
      if (stranded.length) {
        throw new ApiError(400, 'LAST_OWNER', 'You are the last owner of an organization with other members; make someone else an owner first', {
          organizations: stranded.map((o) => ({ id: o.id, name: o.name, slug: o.slug })),
        });
      }
    },
    // An organization of which the user is the only member would be left with nobody: it goes too.
    remove: (user) => {
      for (const m of members.find({ user_id: user.id })) {
        if (members.count({ organization_id: m.organization_id }) === 1) organizations.delete(m.organization_id);
      }
    },
  });
}

/** The account's email and phone numbers; `proven`: its email only once verified (what an export may show). */
function addressesOf(ctx: AppContext, user: UserRow, proven = false): string[] {
  const phones = ctx.store
    .registeredTables()
    .filter((t) => 'phone_number' in t.spec.columns && 'user_id' in t.spec.columns)
    .flatMap((t) => (t as Table<{ id: string; user_id: string; phone_number: string | null }>).find({ user_id: user.id }))
    .map((row) => row.phone_number)
    .filter((p): p is string => typeof p === 'string' && p.length > 0);
  return [...new Set([...(proven && !user.email_verified ? [] : [user.email]), ...phones])];
}
