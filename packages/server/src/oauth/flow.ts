import { claimAccount, type ClaimResult } from '../auth/claim.ts';
import type { UserRow } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { validationError } from '../http/errors.ts';
import { constantTimeEqual, randomToken, sha256, utf8, uuid } from '../util.ts';
import { IdpClient, OAuthError, type Idp, type Profile } from './client.ts';
import type { OutboundPolicy } from './outbound.ts';
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

/** Where an organization's IdP may be: the operator's choice (dev mode allows everything) and the host's resolver. */
export function outboundPolicy(ctx: AppContext): OutboundPolicy {
  return { allowPrivate: ctx.config.ssoAllowPrivateIssuers, resolveHost: ctx.resolveHost };
}

/** The flow state shared by social sign-in and SSO: start an authorization, finish it at the callback. */
export class OAuthFlows {
  readonly states;
  readonly accounts;
  readonly client: IdpClient;

  constructor(private readonly ctx: AppContext) {
    this.states = ctx.store.table(oauthStatesTable);
    this.accounts = ctx.store.table(oauthAccountsTable);
    this.client = new IdpClient(ctx.fetch, ctx.now, outboundPolicy(ctx));
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
    const binding = randomToken(32);
    const browserHash = await sha256(binding);
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
        browser_hash: browserHash,
        created_at: now,
        expires_at: now + STATE_TTL_MS,
      });
    });
    return { url, state, binding: { name: bindingCookieName(id), value: binding } };
  }

  /**
   * Checks that the callback came from the browser that started the flow: it must carry the
   * binding cookie of this state. Without it, an attacker could start a flow, stop at the
   * callback URL and hand that URL to a victim, who would be signed in as the attacker.
   */
  async checkBinding(row: OAuthStateRow, cookie: string | undefined): Promise<void> {
    if (!row.browser_hash || !cookie || cookie.length > 128) throw new OAuthError('browser_mismatch', 'the callback did not come from the browser that started the sign-in');
    if (!constantTimeEqual(utf8(await sha256(cookie)), utf8(row.browser_hash))) {
      throw new OAuthError('browser_mismatch', 'the binding cookie does not match this sign-in');
    }
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
   * email, else a new passwordless account.
   *
   * A social provider configured by the operator that says the email is verified proves the
   * address: an existing account is linked, and if its address was not yet verified it is
   * claimed first (auth/claim.ts: earlier sessions, password, factors, passkeys and links go).
   *
   * An organization's IdP (SSO, `proves: false`) is set up by any organization owner for
   * domains nobody checked, so its word proves nothing to this server: the accounts it creates
   * are unverified (their owner can still claim them), and it links an existing account only
   * when that account's address is verified and `mayLink` agrees (a member), never an
   * unverified one (`account_unverified`). `extra` runs in the same transaction.
   */
  resolveUser(
    accountProvider: string,
    profile: Profile,
    options: { proves?: boolean; trustEmail?: boolean; mayLink?: (user: UserRow) => boolean; extra?: (user: UserRow) => void } = {},
  ): { user: UserRow; claim: ClaimResult | null } {
    const { ctx } = this;
    const now = ctx.now();
    const proves = options.proves !== false;
    return ctx.store.transaction(() => {
      const linked = this.accounts.findOne({ provider: accountProvider, subject: profile.subject });
      if (linked) {
        const user = ctx.users.get(linked.user_id);
        if (!user) throw new OAuthError('account_missing', 'linked account has no user');
        this.accounts.update(linked.id, { last_used_at: now, email: profile.email });
        options.extra?.(user);
        return { user, claim: null };
      }
      if (!profile.email) throw new OAuthError('email_required', 'the provider shared no email address');
      if (!profile.emailVerified && !options.trustEmail) throw new OAuthError('email_not_verified', 'the provider has not verified this email');
      let user = ctx.users.findOne({ email: profile.email });
      let claim: ClaimResult | null = null;
      if (user) {
        if (options.mayLink && !options.mayLink(user)) throw new OAuthError('account_exists', 'an account with this email exists; sign in to it first');
        if (!user.email_verified) {
          if (!proves) throw new OAuthError('account_unverified', 'the account with this email has not confirmed its address; this provider cannot vouch for it');
          claim = claimAccount(ctx, user, `oauth:${accountProvider}`);
          user = claim.user;
        }
      } else {
        user = ctx.users.insert({
          id: uuid(),
          email: profile.email,
          email_verified: proves,
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
      return { user, claim };
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

/** Where the binding cookie is sent: the callbacks only (social and SSO share the path). */
export const BINDING_COOKIE_PATH = '/api/v1/auth/oauth/callback';

/**
 * One cookie per flow in flight, named after its state row, so two sign-ins started in two tabs
 * do not overwrite each other's binding.
 */
export function bindingCookieName(stateId: string): string {
  return `janua_oauth_${stateId.slice(0, 16)}`;
}

/** `redirect_to` plus `?error=`: how a browser-facing failure is reported. */
export function errorRedirect(target: string, code: string): string {
  const url = new URL(target);
  url.searchParams.set('error', code);
  return url.toString();
}
