import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { notifyClaim } from '../auth/claim.ts';
import type { UserRow } from '../auth/users.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { ApiError, forbidden, notFound, validationError } from '../http/errors.ts';
import { retryAfterError } from '../http/middleware.ts';
import { mfaService } from '../mfa/service.ts';
import { OAuthError, type Idp } from '../oauth/client.ts';
import { resolveProviders } from '../oauth/config.ts';
import { allowedRedirect, BINDING_COOKIE_PATH, bindingCookieName, errorRedirect, oauthFlows } from '../oauth/flow.ts';
import { STATE_TTL_MS } from '../oauth/tables.ts';
import { ssoService } from '../sso/service.ts';
import { logSafe } from '../util.ts';
import { completeSignIn } from './auth.ts';

/** Sign-in attempts from one address, shared with password sign-in: every start writes a state row. */
export function countAttempt(ctx: AppContext, c: Context<AppEnv>): void {
  if (!ctx.limits) return;
  const ip = ctx.clientIp(c.req.raw, c.env) ?? 'unknown';
  const wait = ctx.limits.signinIp.retryAfter(ip);
  if (wait > 0) throw retryAfterError(wait);
  ctx.limits.signinIp.record(ip);
}

/** A provider that cannot be reached or answers nonsense is the provider's fault, not the caller's. */
export function providerDown(error: unknown): unknown {
  if (!(error instanceof OAuthError)) return error;
  return new ApiError(503, 'SERVICE_UNAVAILABLE', 'The identity provider could not be reached; try again later', { reason: error.code }, { 'Retry-After': '30' });
}

/**
 * Sets the flow's browser-binding cookie: HttpOnly (no script reads it), SameSite=Lax (sent on
 * the provider's top-level redirect back, never on a cross-site subrequest), limited to the
 * callback path, Secure behind an https issuer, and alive as long as the state. A page on another
 * site than the API cannot receive it from a fetch (browsers refuse Lax cookies in cross-site
 * answers): the same same-site rule as the refresh cookie (README, Social sign-in).
 */
export function setBindingCookie(ctx: AppContext, c: Context<AppEnv>, binding: { name: string; value: string }): void {
  setCookie(c, binding.name, binding.value, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: ctx.config.secureCookies,
    path: BINDING_COOKIE_PATH,
    maxAge: STATE_TTL_MS / 1000,
  });
}

/**
 * Social sign-in (OAuth 2.0 authorization code with PKCE S256, and OIDC on top) and the
 * callback that enterprise SSO shares (provider "sso"). The callback is where a browser lands,
 * so it answers with redirects only: to `redirect_to` with the refresh cookie set, or to
 * `redirect_to?error=<code>` (the front end's URL when the state is unknown), or, for an account
 * with MFA on, to `redirect_to#mfa_token=…&mfa_methods=…` with no session yet (finish with
 * `POST /mfa/challenge/verify`). It is the one GET that changes state: that is how OAuth returns.
 */
export function registerOAuthRoutes(api: Hono<AppEnv>, ctx: AppContext): void {
  const providers = new Map(resolveProviders(ctx.config.oauth).map((p) => [p.id, p]));
  const flows = oauthFlows(ctx);

  api.get('/auth/oauth/providers', (c) =>
    c.json([...providers.values()].map((p) => ({ provider: p.id, name: p.name, enabled: p.enabled }))),
  );

  api.post('/auth/oauth/authorize/:provider', async (c) => {
    const provider = providers.get(c.req.param('provider'));
    if (!provider) throw notFound('No such sign-in provider');
    if (!provider.enabled) throw forbidden('This sign-in provider is turned off');
    const redirectTo = allowedRedirect(ctx, 'redirect_to', c.req.query('redirect_to'));
    const requested = c.req.query('redirect_uri');
    const callback = flows.callbackUrl(provider.id);
    // Another redirect_uri only when a front end on an allowed origin proxies the callback to us.
    const redirectUri = requested ? allowedRedirect(ctx, 'redirect_uri', requested) : callback;
    if (requested && !new URL(redirectUri).pathname.endsWith(`/auth/oauth/callback/${provider.id}`)) {
      throw validationError([{ field: 'redirect_uri', message: `Redirect uri must end in /auth/oauth/callback/${provider.id}`, type: 'format' }]);
    }
    countAttempt(ctx, c);
    try {
      const { url, state, binding } = await flows.start({ provider: provider.id, organizationId: null, idp: provider, redirectUri, redirectTo });
      setBindingCookie(ctx, c, binding);
      return c.json({ authorization_url: url, state, provider: provider.id });
    } catch (error) {
      throw providerDown(error);
    }
  });

  api.get('/auth/oauth/callback/:provider', async (c) => {
    const providerId = c.req.param('provider');
    const query = c.req.query();
    let target = ctx.config.frontendUrl;
    try {
      const row = await flows.spend(query['state'], providerId);
      target = row.redirect_to;
      const cookie = bindingCookieName(row.id);
      const presented = getCookie(c, cookie);
      deleteCookie(c, cookie, { path: BINDING_COOKIE_PATH, secure: ctx.config.secureCookies, httpOnly: true, sameSite: 'Lax' });
      await flows.checkBinding(row, presented);
      if (query['error']) throw new OAuthError(query['error'] === 'access_denied' ? 'access_denied' : 'provider_error', `provider said ${query['error'].slice(0, 100)}`);
      const code = query['code'];
      if (!code || code.length > 2048) throw new OAuthError('invalid_request', 'no code');
      const exchange = { code, verifier: row.code_verifier, redirectUri: row.redirect_uri, nonce: row.nonce, ...(query['iss'] !== undefined ? { iss: query['iss'] } : {}) };
      let user: UserRow;
      if (providerId === 'sso') {
        const sso = ssoService(ctx);
        const orgId = row.organization_id ?? '';
        const conn = sso.connections.get(orgId);
        if (!conn?.enabled) throw new OAuthError('sso_disabled', 'the organization has no enabled SSO connection');
        const profile = await flows.client.signIn(sso.idp(conn), exchange);
        const key = `sso:${orgId}`;
        const linked = flows.accounts.findOne({ provider: key, subject: profile.subject });
        if (!linked && !(profile.email && sso.domainAllowed(orgId, profile.email))) {
          throw new OAuthError('email_domain_not_allowed', 'the IdP asserted an email outside the organization\'s domains');
        }
        ({ user } = flows.resolveUser(key, profile, {
          proves: false,
          trustEmail: true,
          mayLink: (existing) => sso.isMember(orgId, existing),
          extra: (member) => sso.ensureMember(orgId, member),
        }));
      } else {
        const provider: Idp | undefined = providers.get(providerId);
        if (!provider) throw new OAuthError('unknown_provider', 'provider no longer configured');
        const resolved = flows.resolveUser(providerId, await flows.client.signIn(provider, exchange));
        user = resolved.user;
        if (resolved.claim) notifyClaim(ctx, resolved.claim, `oauth:${providerId}`);
      }
      if (user.mfa_enabled) {
        // The provider proved one factor; the account's own second factor is still owed. The
        // token rides in the fragment, which browsers send to no server and no Referer.
        const challenge = await mfaService(ctx).beginChallenge(user);
        const fragment = new URLSearchParams({ mfa_token: challenge.mfa_token!, mfa_methods: (challenge.mfa_methods ?? []).join(',') });
        return c.redirect(`${target.split('#')[0]}#${fragment}`, 302);
      }
      await completeSignIn(ctx, c, user);
      return c.redirect(target, 302);
    } catch (error) {
      const code = error instanceof OAuthError ? error.code : 'server_error';
      ctx.log(`[oauth] ${c.get('requestId')} callback ${logSafe(providerId)}: ${code}: ${error instanceof OAuthError ? logSafe(error.message) : ((error as Error)?.stack ?? String(error))}`);
      return c.redirect(errorRedirect(target, code), 302);
    }
  });
}
