import type { Hono } from 'hono';
import { SIGNING_ALG } from '../auth/keys.ts';
import type { AppContext, AppEnv } from '../context.ts';

/**
 * Metadata about this server. It is not an OpenID Provider: it has no authorization or token
 * endpoint for other applications and issues no ID tokens, so a document claiming OIDC
 * Discovery (which requires `authorization_endpoint`, `response_types_supported`,
 * `id_token_signing_alg_values_supported`, …) would be false. What it is, is an issuer of
 * signed access tokens for its own API, whose keys anyone may fetch: that is RFC 8414
 * authorization-server metadata with no grants offered, plus the fields a resource server
 * needs to verify the tokens (`janua_*`). The same document is served at the RFC 8414 path
 * and at `/.well-known/openid-configuration`, which API.md names and tools probe; an OIDC
 * client that validates it will (rightly) refuse to treat this server as an OP.
 */
export function serverMetadata(ctx: AppContext): Record<string, unknown> {
  const base = ctx.config.issuer;
  return {
    issuer: base,
    jwks_uri: `${base}/.well-known/jwks.json`,
    // RFC 8414 §2: no OAuth grant or response type is offered to third parties.
    response_types_supported: [],
    grant_types_supported: [],
    // RFC 9068-style access tokens (`typ: at+jwt`), their algorithm and claims.
    janua_access_token_signing_alg_values_supported: [SIGNING_ALG],
    janua_access_token_claims: ['sub', 'sid', 'iss', 'aud', 'iat', 'exp', 'jti', 'type', 'email', 'org_id', 'org_role'],
    janua_api_base: `${base}/api/v1`,
    janua_audience: ctx.config.audience,
    janua_openapi: `${base}/api/v1/openapi.json`,
  };
}

export function registerWellKnownRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  app.get('/.well-known/jwks.json', async (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(await ctx.keys.jwks());
  });

  for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
    app.get(path, (c) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(serverMetadata(ctx));
    });
  }
}
