import type { Hono } from 'hono';
import { SIGNING_ALG } from '../auth/keys.ts';
import type { AppContext, AppEnv } from '../context.ts';

export function registerWellKnownRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  app.get('/.well-known/jwks.json', async (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(await ctx.keys.jwks());
  });

  /** Only what this server really offers; it is an API, not an OpenID provider with authorize/token endpoints. */
  app.get('/.well-known/openid-configuration', (c) => {
    const base = ctx.config.issuer;
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({
      issuer: base,
      jwks_uri: `${base}/.well-known/jwks.json`,
      userinfo_endpoint: `${base}/api/v1/auth/me`,
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [SIGNING_ALG],
      access_token_signing_alg_values_supported: [SIGNING_ALG],
      claims_supported: ['sub', 'sid', 'iss', 'aud', 'iat', 'exp', 'jti', 'type', 'email', 'org_id', 'org_role'],
      janua_api_base: `${base}/api/v1`,
      janua_audience: ctx.config.audience,
    });
  });
}
