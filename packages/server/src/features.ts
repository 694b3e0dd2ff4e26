import type { Hono } from 'hono';
import type { AppContext, AppEnv } from './context.ts';
import { registerAuthRoutes } from './routes/auth.ts';
import { registerDevRoutes } from './routes/dev.ts';
import { registerGdprRoutes } from './routes/gdpr.ts';
import { registerMfaRoutes } from './routes/mfa.ts';
import { registerOAuthRoutes } from './routes/oauth.ts';
import { registerOrganizationRoutes } from './routes/organizations.ts';
import { registerPasskeyRoutes } from './routes/passkeys.ts';
import { registerRecoveryRoutes } from './routes/recovery.ts';
import { registerSessionRoutes } from './routes/sessions.ts';
import { registerSsoRoutes } from './routes/sso.ts';
import { registerUserRoutes } from './routes/users.ts';

/**
 * Route modules mounted under `/api/v1`, in order. A new feature (MFA, passkeys,
 * organizations, …) adds one entry here and keeps its tables, services and routes in its own
 * files.
 */
export type Feature = (api: Hono<AppEnv>, ctx: AppContext) => void;

export const FEATURES: readonly Feature[] = [
  registerAuthRoutes,
  registerUserRoutes,
  registerOrganizationRoutes,
  registerSessionRoutes,
  registerPasskeyRoutes,
  registerOAuthRoutes,
  registerSsoRoutes,
  registerMfaRoutes,
  registerRecoveryRoutes,
  registerGdprRoutes,
  (api, ctx) => {
    if (ctx.config.dev) registerDevRoutes(api, ctx);
  },
];
