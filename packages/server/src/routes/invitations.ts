import type { Context, Hono } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';
import { readJson } from '../http/body.ts';
import { requireAuth, retryAfterError } from '../http/middleware.ts';
import type { Schema } from '../http/validate.ts';
import { checkRole, readInteger, validateWith } from '../orgs/input.ts';
import { INVITATION_TTL_RANGE, InvitationService } from '../orgs/invitations.ts';
import { organizationService } from '../orgs/service.ts';
import { INVITATION_STATUSES, type InvitationStatus, type OrgRole } from '../orgs/tables.ts';
import { SlidingWindowLimiter } from '../rate-limit.ts';

const CREATE_SCHEMA: Schema = {
  organization_id: { type: 'string', required: true, max: 64 },
  email: { type: 'string', required: true, max: 254, format: 'email' },
  role: { type: 'string', required: true, max: 16 },
  message: { type: 'string', nullable: true, max: 1000 },
};

const ACCEPT_SCHEMA: Schema = { token: { type: 'string', required: true, max: 512 } };

/** Each invitation mails an address of the inviter's choosing: a cap per inviter keeps an account from becoming a spam relay. */
export const INVITATION_SEND_LIMIT = { limit: 50, windowMs: 60 * 60_000 };

interface CreateBody {
  organization_id: string;
  email: string;
  role: OrgRole;
  message?: string | null;
  expires_in?: number;
}

/** Invitations to organizations (API.md, Organizations). */
export function registerInvitationRoutes(api: Hono<AppEnv>, ctx: AppContext): void {
  const orgs = organizationService(ctx);
  const invitations = new InvitationService(ctx, orgs);
  const auth = requireAuth(ctx);
  const body = (c: Context<AppEnv>) => readJson(c.req.raw, ctx.config.bodyLimit);
  const sends = ctx.limits ? new SlidingWindowLimiter(INVITATION_SEND_LIMIT, ctx.now) : null;

  for (const path of ['/invitations', '/invitations/']) {
    api.post(path, auth, async (c) => {
      let expiresIn: number | undefined;
      const input = validateWith<CreateBody>(await body(c), CREATE_SCHEMA, (raw, fail) => {
        checkRole(raw['role'], fail);
        // A number in JSON, not a numeric string: the body is typed, unlike a query string.
        const value = typeof raw['expires_in'] === 'string' ? NaN : raw['expires_in'];
        expiresIn = readInteger('expires_in', value === null ? undefined : value, INVITATION_TTL_RANGE, fail);
      });
      const { user } = c.get('auth');
      const actor = orgs.access(input.organization_id, user.id);
      const wait = sends?.retryAfter(user.id) ?? 0;
      if (wait > 0) throw retryAfterError(wait);
      const invitation = await invitations.create(actor, user, { ...input, ...(expiresIn ? { expires_in: expiresIn } : {}) });
      sends?.record(user.id);
      return c.json(invitation, 201);
    });

    api.get(path, auth, (c) => {
      const query = { organization_id: c.req.query('organization_id'), status: c.req.query('status') || undefined };
      const { organization_id, status } = validateWith<{ organization_id: string; status?: InvitationStatus }>(
        query,
        { organization_id: { type: 'string', required: true, max: 64 }, status: { type: 'string', max: 16 } },
        (raw, fail) => {
          const wanted = raw['status'];
          if (typeof wanted === 'string' && !(INVITATION_STATUSES as readonly string[]).includes(wanted)) {
            fail('status', `Status must be one of ${INVITATION_STATUSES.join(', ')}`, 'enum');
          }
        },
      );
      return c.json(invitations.list(orgs.access(organization_id, c.get('auth').user.id), status));
    });
  }

  api.get('/invitations/validate/:token', async (c) => c.json(await invitations.check(c.req.param('token'))));

  api.post('/invitations/accept', auth, async (c) => {
    const { token } = validateWith<{ token: string }>(await body(c), ACCEPT_SCHEMA, () => undefined);
    return c.json(await invitations.accept(token, c.get('auth').user));
  });

  api.delete('/invitations/:id', auth, (c) => {
    invitations.revoke(c.req.param('id'), c.get('auth').user.id);
    return c.body(null, 204);
  });
}
