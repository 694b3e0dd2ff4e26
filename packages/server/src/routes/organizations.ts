import type { Context, Hono } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';
import { readJson } from '../http/body.ts';
import { unauthorized } from '../http/errors.ts';
import { requireAuth } from '../http/middleware.ts';
import type { Schema } from '../http/validate.ts';
import { checkRole, checkSlug, checkUrl, readPage, validateWith } from '../orgs/input.ts';
import { organizationService } from '../orgs/service.ts';
import type { OrganizationRow, OrgRole } from '../orgs/tables.ts';
import type { Patch } from '../store/types.ts';
import { issueTokens } from './auth.ts';
import { registerInvitationRoutes } from './invitations.ts';

const CREATE_SCHEMA: Schema = {
  name: { type: 'string', required: true, max: 100 },
  slug: { type: 'string', required: true, max: 63 },
  description: { type: 'string', nullable: true, max: 1000 },
  logo_url: { type: 'string', nullable: true, max: 2048 },
};

const UPDATE_SCHEMA: Schema = {
  name: { type: 'string', min: 1, max: 100 },
  slug: { type: 'string', min: 1, max: 63 },
  description: { type: 'string', nullable: true, max: 1000 },
  logo_url: { type: 'string', nullable: true, max: 2048 },
};

const ROLE_SCHEMA: Schema = { role: { type: 'string', required: true, max: 16 } };

/**
 * The id that `POST /organizations/{id}/switch` takes to leave every organization: tokens then
 * carry no `org_id`/`org_role`. Organization ids are UUIDs, so it cannot name one.
 */
export const PERSONAL_WORKSPACE = 'personal';

/** Organizations, members, invitations and the organization switch (API.md, Organizations). */
export function registerOrganizationRoutes(api: Hono<AppEnv>, ctx: AppContext): void {
  const orgs = organizationService(ctx);
  ctx.tokens.organizationOf = (sessionId, userId) => orgs.claimsFor(sessionId, userId);
  const auth = requireAuth(ctx);
  const body = (c: Context<AppEnv>) => readJson(c.req.raw, ctx.config.bodyLimit);
  const caller = (c: Context<AppEnv>) => c.get('auth').user.id;

  // API.md writes the collection with a trailing slash; clients send it either way.
  for (const path of ['/organizations', '/organizations/']) {
    api.get(path, auth, (c) => {
      const { page, perPage } = readPage((name) => c.req.query(name));
      const { organizations, total } = orgs.listFor(caller(c), page, perPage);
      return c.json({ organizations, total, page, per_page: perPage });
    });

    api.post(path, auth, async (c) => {
      const fields = validateWith<{ name: string; slug: string; description?: string | null; logo_url?: string | null }>(
        await body(c),
        CREATE_SCHEMA,
        (input, fail) => {
          checkSlug(input['slug'], fail);
          checkUrl('logo_url', input['logo_url'], fail);
        },
      );
      const org = orgs.create(caller(c), fields);
      return c.json(orgs.toApi(org, 'owner'), 201);
    });
  }

  api.get('/organizations/:id', auth, (c) => {
    const { org, membership } = orgs.access(c.req.param('id'), caller(c));
    return c.json(orgs.toApi(org, membership.role));
  });

  api.patch('/organizations/:id', auth, async (c) => {
    const access = orgs.access(c.req.param('id'), caller(c));
    orgs.requireManager(access);
    const patch = validateWith<Patch<OrganizationRow>>(await body(c), UPDATE_SCHEMA, (input, fail) => {
      checkSlug(input['slug'], fail);
      checkUrl('logo_url', input['logo_url'], fail);
    });
    return c.json(orgs.toApi(orgs.update(access.org, patch), access.membership.role));
  });

  api.delete('/organizations/:id', auth, (c) => {
    const access = orgs.access(c.req.param('id'), caller(c));
    orgs.requireOwner(access);
    orgs.remove(access.org.id);
    return c.body(null, 204);
  });

  api.get('/organizations/:id/members', auth, (c) => {
    const { org } = orgs.access(c.req.param('id'), caller(c));
    return c.json(orgs.listMembers(org.id));
  });

  api.patch('/organizations/:id/members/:user_id/role', auth, async (c) => {
    const access = orgs.access(c.req.param('id'), caller(c));
    orgs.requireManager(access);
    const { role } = validateWith<{ role: OrgRole }>(await body(c), ROLE_SCHEMA, (input, fail) => void checkRole(input['role'], fail));
    return c.json(orgs.changeRole(access, c.req.param('user_id'), role));
  });

  api.delete('/organizations/:id/members/:user_id', auth, (c) => {
    const access = orgs.access(c.req.param('id'), caller(c));
    orgs.removeMember(access, c.req.param('user_id'));
    return c.body(null, 204);
  });

  api.post('/organizations/:id/switch', auth, async (c) => {
    const { user, session } = c.get('auth');
    const id = c.req.param('id');
    // Checked first, so a non-member's switch changes nothing (not even the refresh token).
    const activeOrgId = id === PERSONAL_WORKSPACE ? null : orgs.access(id, user.id).org.id;
    const next = await ctx.sessions.reissue(session.id, { active_org_id: activeOrgId });
    if (!next) throw unauthorized('The session has ended');
    // Removed from the organization in the instant before the reissue: the old refresh token is
    // spent already, so answer with working personal tokens (no org claims) rather than an error.
    if (activeOrgId && !orgs.claimsFor(session.id, user.id)) ctx.sessions.sessions.update(session.id, { active_org_id: null });
    return c.json(await issueTokens(ctx, c, user, next.session, next.token));
  });

  registerInvitationRoutes(api, ctx);
}
