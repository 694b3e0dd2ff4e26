import type { Hono } from 'hono';
import { toApiUser, type UserRow } from '../auth/users.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { readJson } from '../http/body.ts';
import { requireAuth } from '../http/middleware.ts';
import { validate } from '../http/validate.ts';
import type { Patch } from '../store/types.ts';
import { PROFILE_SCHEMA, takenError } from './auth.ts';

export function registerUserRoutes(api: Hono<AppEnv>, ctx: AppContext): void {
  api.patch('/users/me', requireAuth(ctx), async (c) => {
    const patch = validate<Patch<UserRow>>(await readJson(c.req.raw, ctx.config.bodyLimit), PROFILE_SCHEMA);
    const { user } = c.get('auth');
    let updated: UserRow;
    try {
      updated = ctx.users.update(user.id, { ...patch, updated_at: ctx.now() })!;
    } catch (error) {
      throw takenError(error);
    }
    return c.json(toApiUser(updated));
  });
}
