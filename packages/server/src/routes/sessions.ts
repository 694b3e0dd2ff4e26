import type { Hono } from 'hono';
import type { SessionRow } from '../auth/sessions.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { notFound } from '../http/errors.ts';
import { requireAuth } from '../http/middleware.ts';
import { describeDevice, type DeviceInfo } from '../sessions/devices.ts';
import { iso } from '../util.ts';

export interface ApiSession extends DeviceInfo {
  id: string;
  ip_address: string | null;
  user_agent: string | null;
  is_current: boolean;
  created_at: string;
  last_activity_at: string;
  expires_at: string;
}

/**
 * The signed-in user's sessions (API.md, Sessions). Revoking one ends its refresh family and,
 * because every request checks the session (requireAuth), its access tokens on their next use.
 */
export function registerSessionRoutes(api: Hono<AppEnv>, ctx: AppContext): void {
  const auth = requireAuth(ctx);
  const table = ctx.sessions.sessions;

  const liveOf = (userId: string): SessionRow[] =>
    table.find(
      { user_id: userId, revoked_at: null, expires_at: { gt: ctx.now() } },
      { orderBy: [{ field: 'last_activity_at', direction: 'desc' }, { field: 'id' }] },
    );

  const toApi = (row: SessionRow, currentId: string): ApiSession => ({
    id: row.id,
    ip_address: row.ip_address,
    user_agent: row.user_agent,
    ...describeDevice(row.user_agent),
    is_current: row.id === currentId,
    created_at: iso(row.created_at)!,
    last_activity_at: iso(row.last_activity_at)!,
    expires_at: iso(row.expires_at)!,
  });

  for (const path of ['/sessions', '/sessions/']) {
    api.get(path, auth, (c) => {
      const { user, session } = c.get('auth');
      const rows = liveOf(user.id);
      // The current session first: it is the one a "sign out other devices" screen starts from.
      rows.sort((a, b) => Number(b.id === session.id) - Number(a.id === session.id));
      return c.json({ sessions: rows.map((row) => toApi(row, session.id)), total: rows.length });
    });

    api.delete(path, auth, (c) => {
      const { user, session } = c.get('auth');
      const revoked = ctx.store.transaction(() => {
        const others = liveOf(user.id).filter((row) => row.id !== session.id);
        for (const row of others) ctx.sessions.revoke(row.id);
        return others.length;
      });
      const noun = revoked === 1 ? 'session' : 'sessions';
      return c.json({ message: `Signed out of ${revoked} other ${noun}`, revoked_count: revoked });
    });
  }

  api.delete('/sessions/:id', auth, (c) => {
    const { user } = c.get('auth');
    const target = table.get(c.req.param('id'));
    // Someone else's session, an ended one and a made-up id all look alike.
    if (!target || target.user_id !== user.id || !ctx.sessions.live(target.id)) throw notFound('Session not found');
    ctx.sessions.revoke(target.id);
    return c.body(null, 204);
  });
}
