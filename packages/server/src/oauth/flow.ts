import type { UserRow } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { validationError } from '../http/errors.ts';
import { randomToken, sha256, uuid } from '../util.ts';
import { IdpClient, OAuthError, type Idp, type Profile } from './client.ts';
import { oauthAccountsTable, oauthStatesTable, STATE_TTL_MS, type OAuthStateRow } from './tables.ts';

/**
 * Where a browser may be sent after sign-in: the front end, this server, or an origin on the
 * CORS list. Relative paths resolve against the front end. Anything else is refused up front
 * (a 422 on the JSON call), so a callback never redirects off-site.
 */
export function allowedRedirect(ctx: AppContext, field: string, value: string | undefined): string {
  if (value === undefined || value === '') return ctx.config.frontendUrl;
  let url: URL | null = null;
  try {
    // "//evil" and "/\evil" resolve to another host and are caught by the origin check.
    url = new URL(value, `${ctx.config.frontendUrl}/`);
  } catch {
    url = null;
  }
  const origins = new Set([new URL(ctx.config.frontendUrl).origin, ctx.config.origin, ...ctx.config.cors]);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !origins.has(url.origin) || value.length > 2048) {
    throw validationError([{ field, message: `${field} must be a URL on this site or an allowed origin`, type: 'format' }]);
  }
  return url.toString();
}

/** The flow state shared by social sign-in and SSO: start an authorization, finish it at the callback. */
export class OAuthFlows {
  readonly states;
  readonly accounts;
  readonly client: IdpClient;

  constructor(private readonly ctx: AppContext) {
    this.states = ctx.store.table(oauthStatesTable);
    this.accounts = ctx.store.table(oauthAccountsTable);
    this.client = new IdpClient(ctx.fetch, ctx.now);
  }

  callbackUrl(provider: string): string {
    return `${this.ctx.config.issuer}/api/v1/auth/oauth/callback/${provider}`;
  }

  async start(p: { provider: string; organizationId: string | null; idp: Idp; redirectUri: string; redirectTo: string; loginHint?: string }) {
    const state = randomToken(32);
    const verifier = randomToken(32);
    const nonce = randomToken(16);
    // Built before the row is written: an unreachable provider leaves nothing behind.
    const url = await this.client.authorizationUrl(p.idp, {
      state,
      codeChallenge: await sha256(verifier),
      nonce,
      redirectUri: p.redirectUri,
      ...(p.loginHint ? { loginHint: p.loginHint } : {}),
    });
    const now = this.ctx.now();
    const id = await sha256(state);
    this.ctx.store.transaction(() => {
      this.states.deleteWhere({ expires_at: { lte: now } });
      this.states.insert({
        id,
        provider: p.provider,
        organization_id: p.organizationId,
        code_verifier: verifier,
        nonce,
        redirect_uri: p.redirectUri,
        redirect_to: p.redirectTo,
        created_at: now,
        expires_at: now + STATE_TTL_MS,
      });
    });
    return { url, state };
  }

  /** Deletes the state as it reads it: a second callback with the same state finds nothing. */
  async spend(state: string | undefined, provider: string): Promise<OAuthStateRow> {
    if (!state || state.length > 256) throw new OAuthError('invalid_state', 'no state');
    const id = await sha256(state);
    const row = this.ctx.store.transaction(() => {
      const found = this.states.get(id);
      if (found) this.states.delete(id);
      return found;
    });
    if (!row || row.provider !== provider || row.expires_at <= this.ctx.now()) throw new OAuthError('invalid_state', 'unknown, used or expired state');
    return row;
  }

  /**
   * The Janua user for a provider identity: the linked one, else the account with the same
   * verified email (linked now), else a new passwordless account. `mayLink` lets SSO narrow
   * which existing accounts its IdP may claim; `extra` runs in the same transaction.
   */
  resolveUser(accountProvider: string, profile: Profile, options: { trustEmail?: boolean; mayLink?: (user: UserRow) => boolean; extra?: (user: UserRow) => void } = {}): UserRow {
    const { ctx } = this;
    const now = ctx.now();
    return ctx.store.transaction(() => {
      const linked = this.accounts.findOne({ provider: accountProvider, subject: profile.subject });
      if (linked) {
        const user = ctx.users.get(linked.user_id);
        if (!user) throw new OAuthError('account_missing', 'linked account has no user');
        this.accounts.update(linked.id, { last_used_at: now, email: profile.email });
        options.extra?.(user);
        return user;
      }
      if (!profile.email) throw new OAuthError('email_required', 'the provider shared no email address');
      if (!profile.emailVerified && !options.trustEmail) throw new OAuthError('email_not_verified', 'the provider has not verified this email');
      let user = ctx.users.findOne({ email: profile.email });
      if (user) {
        if (options.mayLink && !options.mayLink(user)) throw new OAuthError('account_exists', 'an account with this email exists; sign in to it first');
        if (!user.email_verified) user = ctx.users.update(user.id, { email_verified: true, updated_at: now })!;
      } else {
        user = ctx.users.insert({
          id: uuid(),
          email: profile.email,
          email_verified: true,
          username: null,
          first_name: profile.firstName,
          last_name: profile.lastName,
          profile_image_url: profile.picture,
          locale: null,
          mfa_enabled: false,
          password_hash: null,
          metadata: {},
          created_at: now,
          updated_at: now,
          last_sign_in_at: null,
        });
      }
      this.accounts.insert({ id: uuid(), provider: accountProvider, subject: profile.subject, user_id: user.id, email: profile.email, created_at: now, last_used_at: now });
      options.extra?.(user);
      return user;
    });
  }
}

const flows = new WeakMap<AppContext, OAuthFlows>();

/** One per app: the discovery and JWKS caches are shared by social sign-in and SSO. */
export function oauthFlows(ctx: AppContext): OAuthFlows {
  let found = flows.get(ctx);
  if (!found) {
    found = new OAuthFlows(ctx);
    flows.set(ctx, found);
  }
  return found;
}

/** `redirect_to` plus `?error=`: how a browser-facing failure is reported. */
export function errorRedirect(target: string, code: string): string {
  const url = new URL(target);
  url.searchParams.set('error', code);
  return url.toString();
}
