import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';

/** Registered only when the app runs with `dev: true`; otherwise these paths are plain 404s. */
export function registerDevRoutes(api: Hono<AppEnv>, ctx: AppContext): void {
  api.get('/dev/outbox', (c) => c.json(ctx.outbox.list(c.req.query('to') || undefined)));
  api.delete('/dev/outbox', (c) => {
    ctx.outbox.clear();
    return c.body(null, 204);
  });
}
