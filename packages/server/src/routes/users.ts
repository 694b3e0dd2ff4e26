import type { Hono } from 'hono';
import { toApiUser, type UserRow } from '../auth/users.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { readJson } from '../http/body.ts';
import { requireAuth } from '../http/middleware.ts';
import { validate, type Schema } from '../http/validate.ts';
import type { Patch } from '../store/types.ts';
import { PROFILE_SCHEMA, takenError } from './auth.ts';

/** The profile's fields, and the picture (ext: the contract's PATCH has no field for it). */
const PATCH_SCHEMA: Schema = {
  ...PROFILE_SCHEMA,
  profile_image_url: { type: 'string', nullable: true, max: 2048, format: 'url' },
};

export function registerUserRoutes(api: Hono<AppEnv>, ctx: AppContext): void {
  api.patch('/users/me', requireAuth(ctx), async (c) => {
    const patch = validate<Patch<UserRow>>(await readJson(c.req.raw, ctx.config.bodyLimit), PATCH_SCHEMA);
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
