import type { Context, Hono } from 'hono';
import type { ApiValidationError } from '../../../core/src/api-types.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { readJson } from '../http/body.ts';
import { ApiError, notFound, validationError } from '../http/errors.ts';
import { requireAuth } from '../http/middleware.ts';
import { isEmail, validate } from '../http/validate.ts';
import { OAuthError } from '../oauth/client.ts';
import { allowedRedirect, oauthFlows, outboundPolicy } from '../oauth/flow.ts';
import { refuseUrl } from '../oauth/outbound.ts';
import { organizationService } from '../orgs/service.ts';
import { ssoService } from '../sso/service.ts';
import type { SsoConnectionRow } from '../sso/tables.ts';
import { iso, logSafe } from '../util.ts';
import { countAttempt, providerDown, setBindingCookie } from './oauth.ts';

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function toApiConnection(conn: SsoConnectionRow, domains: string[], redirectUri: string) {
  return {
    organization_id: conn.id,
    issuer: conn.issuer,
    client_id: conn.client_id,
    // The secret is write-only: an admin sees whether one is set, never the value.
    has_client_secret: conn.client_secret !== null,
    scopes: conn.scopes,
    domains,
    enabled: conn.enabled,
    created_at: iso(conn.created_at)!,
    updated_at: iso(conn.updated_at)!,
    /** What the organization registers at its IdP. */
    redirect_uri: redirectUri,
  };
}

/**
 * Enterprise SSO: `GET /sso/discover` routes an email to its organization's IdP, `POST
 * /sso/initiate` starts the sign-in there (302 to the IdP, or `{authorization_url}` when the
 * request asks for JSON with `Accept: application/json`), and the OAuth callback finishes it
 * (provider "sso"). Owners manage the connection with `PUT|GET|DELETE /organizations/{id}/sso`
 * (ext).
 */
export function registerSsoRoutes(api: Hono<AppEnv>, ctx: AppContext): void {
  const sso = ssoService(ctx);
  const flows = oauthFlows(ctx);
  const auth = requireAuth(ctx);
  const domainsOf = (orgId: string) => sso.domains.find({ organization_id: orgId }, { orderBy: [{ field: 'id' }] }).map((d) => d.id);
  const view = (conn: SsoConnectionRow) => toApiConnection(conn, domainsOf(conn.id), flows.callbackUrl('sso'));

  api.get('/sso/discover', (c) => {
    const email = c.req.query('email')?.trim();
    if (!email) throw validationError([{ field: 'email', message: 'Email is required', type: 'required' }]);
    if (!isEmail(email)) throw validationError([{ field: 'email', message: 'Email must be a valid email address', type: 'format' }]);
    const found = sso.forEmail(email);
    return c.json(found ? { sso: true, organization_slug: found.slug } : { sso: false });
  });

  api.post('/sso/initiate', async (c) => {
    const body = validate<{ organization_slug: string; return_url?: string }>(await readJson(c.req.raw, ctx.config.bodyLimit), {
      organization_slug: { type: 'string', required: true, max: 63 },
      return_url: { type: 'string', max: 2048 },
    });
    const redirectTo = allowedRedirect(ctx, 'return_url', body.return_url);
    const org = sso.organizations.findOne({ slug: body.organization_slug.toLowerCase() });
    const conn = org ? sso.connections.get(org.id) : undefined;
    if (!org || !conn?.enabled) throw notFound('This organization has no single sign-on');
    countAttempt(ctx, c);
    let started;
    try {
      started = await flows.start({ provider: 'sso', organizationId: org.id, idp: sso.idp(conn), redirectUri: flows.callbackUrl('sso'), redirectTo });
    } catch (error) {
      // The caller learns one reason (the client gives an organization's IdP no other); the log has the detail.
      if (error instanceof OAuthError) ctx.log(`[warn] ${c.get('requestId')} SSO start for organization ${org.id}: ${logSafe(error.message)}`);
      throw providerDown(error);
    }
    setBindingCookie(ctx, c, started.binding);
    const wantsJson = /application\/json/i.test(c.req.header('accept') ?? '') && !/text\/html/i.test(c.req.header('accept') ?? '');
    if (wantsJson) return c.json({ authorization_url: started.url, state: started.state, organization_slug: org.slug });
    return c.redirect(started.url, 302);
  });

  const owned = (c: Context<AppEnv>, owner: boolean) => {
    const service = organizationService(ctx);
    const access = service.access(c.req.param('id') ?? '', c.get('auth').user.id);
    if (owner) service.requireOwner(access);
    else service.requireManager(access);
    return access.org;
  };

  api.get('/organizations/:id/sso', auth, (c) => {
    const org = owned(c, false);
    const conn = sso.connections.get(org.id);
    if (!conn) throw notFound('This organization has no single sign-on');
    return c.json(view(conn));
  });

  api.put('/organizations/:id/sso', auth, async (c) => {
    const org = owned(c, true);
    const raw = await readJson(c.req.raw, ctx.config.bodyLimit);
    const errors: ApiValidationError[] = [];
    let body: { issuer: string; client_id: string; client_secret?: string | null; enabled?: boolean } = { issuer: '', client_id: '' };
    try {
      body = validate(raw, {
        issuer: { type: 'string', required: true, max: 2048 },
        client_id: { type: 'string', required: true, max: 255 },
        client_secret: { type: 'string', nullable: true, max: 1024, trim: false },
        enabled: { type: 'boolean' },
      });
    } catch (error) {
      const list = (error as ApiError).details?.['validation_errors'] as ApiValidationError[] | undefined;
      if (!list || list.some((e) => e.field === 'body')) throw error;
      errors.push(...list);
    }
    // Checked from the raw body too, so one 422 lists this beside the other fields' problems.
    const issuer = (raw as Record<string, unknown>)['issuer'];
    if (typeof issuer === 'string' && issuer.trim()) {
      let url: URL | null = null;
      try {
        url = new URL(issuer.trim());
      } catch {
        url = null;
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) {
        errors.push({ field: 'issuer', message: 'Issuer must be the absolute http(s) URL of an OpenID provider', type: 'format' });
      } else {
        // The server will fetch this URL: refused now if it is http or points inside the network
        // (unless the operator allows that), and again before every request (oauth/client.ts).
        const refused = await refuseUrl(url, outboundPolicy(ctx), 'pass');
        if (refused) {
          ctx.log(`[warn] ${c.get('requestId')} SSO issuer refused for organization ${org.id}: ${logSafe(refused)}`);
          errors.push({ field: 'issuer', message: 'Issuer must be the https URL of an OpenID provider on a public address', type: 'invalid' });
        }
      }
    }
    const domains = (raw as Record<string, unknown>)['domains'];
    if (!Array.isArray(domains) || domains.length === 0 || domains.length > 50 || !domains.every((d) => typeof d === 'string' && DOMAIN.test(d))) {
      errors.push({ field: 'domains', message: 'Domains must be a list of 1 to 50 domain names such as "example.com"', type: domains === undefined ? 'required' : 'format' });
    } else {
      const taken = (domains as string[]).find((d) => {
        const row = sso.domains.get(d.toLowerCase());
        return row && row.organization_id !== org.id;
      });
      if (taken) errors.push({ field: 'domains', message: `The domain ${taken} already belongs to another organization`, type: 'taken' });
    }
    if (errors.length) throw validationError(errors);
    const conn = sso.configure(org.id, { ...body, domains: domains as string[] });
    return c.json(view(conn));
  });

  api.delete('/organizations/:id/sso', auth, (c) => {
    const org = owned(c, true);
    if (!sso.connections.get(org.id)) throw notFound('This organization has no single sign-on');
    sso.remove(org.id);
    return c.body(null, 204);
  });
}
