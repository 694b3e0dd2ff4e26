import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { refuseUrl, type OutboundPolicy } from './outbound.ts';

/** The endpoints and credentials of one identity provider: a social provider or an organization's IdP. */
export interface Idp {
  type: 'oidc' | 'oauth2';
  issuer: string | null;
  authorizationEndpoint: string | null;
  tokenEndpoint: string | null;
  userinfoEndpoint: string | null;
  clientId: string;
  clientSecret: string | null;
  scopes: string[];
  emailsEndpoint: string | null;
  /**
   * Set for an organization's IdP, which any organization owner names (the operator configures
   * social providers). Every URL fetched for it must then be on the issuer's origin and pass the
   * outbound policy (outbound.ts) at the moment of the request, redirects are not followed, and
   * every failure to get an answer is `provider_error`: a caller cannot tell a closed port from
   * an open one. The log keeps the detail.
   */
  untrusted?: boolean;
}

export interface Profile {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  firstName: string | null;
  lastName: string | null;
  picture: string | null;
}

/** A failure with a short code for the `?error=` of the redirect; the message goes to the log only. */
export class OAuthError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OAuthError';
  }
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint?: string;
  jwks_uri: string;
  token_endpoint_auth_methods_supported?: string[];
  id_token_signing_alg_values_supported?: string[];
}

const CACHE_MS = 60 * 60_000;
const TIMEOUT_MS = 10_000;
const ID_TOKEN_ALGS = ['RS256', 'PS256', 'ES256', 'EdDSA', 'RS384', 'RS512', 'PS384', 'PS512', 'ES384', 'ES512'];

/**
 * The protocol side of social sign-in and SSO: discovery, the authorization URL, the code
 * exchange (PKCE, client authentication), ID token verification against the provider's JWKS,
 * and the profile. Outgoing HTTP goes through the injected `fetch`.
 */
export class IdpClient {
  private readonly discoveries = new Map<string, { doc: Discovery; at: number }>();
  private readonly keySets = new Map<string, { keys: ReturnType<typeof createLocalJWKSet>; at: number }>();

  constructor(
    private readonly fetch: typeof globalThis.fetch,
    private readonly now: () => number,
    /** For `untrusted` IdPs only; the operator's social providers may be anywhere. */
    private readonly policy: OutboundPolicy = { allowPrivate: false, resolveHost: null },
  ) {}

  private async getJson(url: string, init: RequestInit = {}, what: string, untrusted = false): Promise<unknown> {
    let response: Response;
    if (untrusted) {
      // Checked now, not only when the connection was saved: the name may resolve elsewhere today.
      const refused = await refuseUrl(new URL(url), this.policy, 'refuse');
      if (refused) throw new OAuthError('provider_error', `${what}: refused ${url}: ${refused}`);
    }
    try {
      response = await this.fetch(url, { ...init, ...(untrusted ? { redirect: 'error' as const } : {}), signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new OAuthError(untrusted ? 'provider_error' : 'provider_unreachable', `${what}: ${(error as Error).message}`);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const code = (body as { error?: unknown } | undefined)?.error;
      throw new OAuthError(what === 'token' ? 'exchange_failed' : 'provider_error', `${what}: HTTP ${response.status} ${typeof code === 'string' ? code : ''}`.trim());
    }
    if (typeof body !== 'object' || body === null) throw new OAuthError('provider_error', `${what}: the answer is not a JSON object`);
    return body;
  }

  async discover(issuer: string, untrusted = false): Promise<Discovery> {
    const cached = this.discoveries.get(issuer);
    if (cached && this.now() - cached.at < CACHE_MS) return cached.doc;
    const doc = (await this.getJson(`${issuer}/.well-known/openid-configuration`, {}, 'discovery', untrusted)) as Partial<Discovery>;
    // A discovery document naming another issuer is how an IdP mix-up starts.
    if (doc.issuer !== issuer) throw new OAuthError('provider_error', `discovery: issuer "${String(doc.issuer)}" is not "${issuer}"`);
    for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
      if (typeof doc[field] !== 'string') throw new OAuthError('provider_error', `discovery: ${field} missing`);
    }
    this.discoveries.set(issuer, { doc: doc as Discovery, at: this.now() });
    return doc as Discovery;
  }

  /** Discovery only when something is missing: presets with fixed endpoints start without a network call. */
  private async endpoints(idp: Idp, needKeys: boolean) {
    const complete = idp.authorizationEndpoint && idp.tokenEndpoint && !needKeys;
    const doc = idp.type === 'oidc' && idp.issuer && !complete ? await this.discover(idp.issuer, idp.untrusted) : null;
    const authorization = idp.authorizationEndpoint ?? doc?.authorization_endpoint;
    const token = idp.tokenEndpoint ?? doc?.token_endpoint;
    if (!authorization || !token) throw new OAuthError('provider_error', 'no authorization or token endpoint');
    const userinfo = idp.userinfoEndpoint ?? doc?.userinfo_endpoint ?? null;
    // Checked on every use, not when caching: a social provider may have cached the same issuer's document.
    if (idp.untrusted) this.sameOrigin(idp, { authorization_endpoint: authorization, token_endpoint: token, userinfo_endpoint: userinfo, jwks_uri: doc?.jwks_uri ?? null });
    return { doc, authorization, token, userinfo };
  }

  /**
   * An organization's discovery document may only point at its own issuer's origin: otherwise
   * it could send the token request (with the client secret) and the JWKS fetch anywhere.
   */
  private sameOrigin(idp: Idp, urls: Record<string, string | null>): void {
    const origin = new URL(idp.issuer ?? '').origin;
    for (const [field, value] of Object.entries(urls)) {
      if (value === null) continue;
      let other: string | null;
      try {
        other = new URL(value).origin;
      } catch {
        other = null;
      }
      if (other !== origin) throw new OAuthError('provider_error', `discovery: ${field} ${value} is not on the issuer's origin ${origin}`);
    }
  }

  async authorizationUrl(idp: Idp, p: { state: string; codeChallenge: string; nonce: string; redirectUri: string; loginHint?: string }): Promise<string> {
    const { authorization } = await this.endpoints(idp, false);
    const url = new URL(authorization);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', idp.clientId);
    url.searchParams.set('redirect_uri', p.redirectUri);
    if (idp.scopes.length) url.searchParams.set('scope', idp.scopes.join(' '));
    url.searchParams.set('state', p.state);
    url.searchParams.set('code_challenge', p.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
    if (idp.type === 'oidc') url.searchParams.set('nonce', p.nonce);
    if (p.loginHint) url.searchParams.set('login_hint', p.loginHint);
    return url.toString();
  }

  /** Code → tokens, then the verified identity. */
  async signIn(idp: Idp, p: { code: string; verifier: string; redirectUri: string; nonce: string; iss?: string }): Promise<Profile> {
    const { doc, token, userinfo } = await this.endpoints(idp, idp.type === 'oidc');
    // RFC 9207: an `iss` on the callback must be the provider this flow started with.
    if (p.iss !== undefined && idp.issuer && p.iss !== idp.issuer) throw new OAuthError('invalid_issuer', `callback iss "${p.iss}" is not "${idp.issuer}"`);
    const form = new URLSearchParams({ grant_type: 'authorization_code', code: p.code, redirect_uri: p.redirectUri, code_verifier: p.verifier });
    const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' };
    const methods = doc?.token_endpoint_auth_methods_supported ?? (doc ? ['client_secret_basic'] : ['client_secret_post']);
    if (idp.clientSecret && methods.includes('client_secret_basic')) {
      const encode = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
      headers['authorization'] = `Basic ${btoa(`${encode(idp.clientId)}:${encode(idp.clientSecret)}`)}`;
    } else {
      form.set('client_id', idp.clientId);
      if (idp.clientSecret) form.set('client_secret', idp.clientSecret);
    }
    const tokens = (await this.getJson(token, { method: 'POST', headers, body: form.toString() }, 'token', idp.untrusted)) as Record<string, unknown>;
    if (typeof tokens['error'] === 'string') throw new OAuthError('exchange_failed', `token: ${tokens['error']}`);
    const accessToken = typeof tokens['access_token'] === 'string' ? tokens['access_token'] : null;
    if (idp.type === 'oidc') {
      if (typeof tokens['id_token'] !== 'string') throw new OAuthError('invalid_id_token', 'no id_token in the token answer');
      const claims = await this.verifyIdToken(idp, doc!, tokens['id_token'], p.nonce);
      let merged: Record<string, unknown> = claims;
      if (typeof claims['email'] !== 'string' && userinfo && accessToken) {
        const info = (await this.getJson(userinfo, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } }, 'userinfo', idp.untrusted)) as Record<string, unknown>;
        // Userinfo is only about the ID token's subject; anything else is a substitution.
        if (info['sub'] !== claims.sub) throw new OAuthError('invalid_id_token', 'userinfo sub differs from the ID token');
        merged = { ...info, ...claims };
      }
      return toProfile(merged);
    }
    if (!accessToken || !userinfo) throw new OAuthError('exchange_failed', 'no access token or no userinfo endpoint');
    const auth = { authorization: `Bearer ${accessToken}`, accept: 'application/json', 'user-agent': 'janua-server' };
    const info = (await this.getJson(userinfo, { headers: auth }, 'userinfo')) as Record<string, unknown>;
    const profile = toProfile(info);
    if (idp.emailsEndpoint) {
      const emails = await this.getJson(idp.emailsEndpoint, { headers: auth }, 'emails').catch(() => []);
      const primary = Array.isArray(emails) ? emails.find((e) => e?.primary && e?.verified && typeof e.email === 'string') : undefined;
      if (primary) return { ...profile, email: primary.email, emailVerified: true };
      return { ...profile, emailVerified: false };
    }
    return profile;
  }

  private async verifyIdToken(idp: Idp, doc: Discovery, idToken: string, nonce: string): Promise<JWTPayload> {
    const verify = async (fresh: boolean) => {
      const keys = await this.keySet(doc.jwks_uri, fresh, idp.untrusted);
      return jwtVerify(idToken, keys, {
        issuer: idp.issuer!,
        audience: idp.clientId,
        algorithms: doc.id_token_signing_alg_values_supported?.filter((a) => ID_TOKEN_ALGS.includes(a)) ?? ID_TOKEN_ALGS,
        currentDate: new Date(this.now()),
        clockTolerance: 60,
        requiredClaims: ['sub', 'iat', 'exp'],
      });
    };
    let payload: JWTPayload;
    try {
      try {
        ({ payload } = await verify(false));
      } catch (error) {
        // Providers rotate keys; one reload of the JWKS for an unseen kid.
        if (!(error instanceof joseErrors.JWKSNoMatchingKey)) throw error;
        ({ payload } = await verify(true));
      }
    } catch (error) {
      if (error instanceof OAuthError) throw error;
      throw new OAuthError('invalid_id_token', `id_token: ${(error as Error).message}`);
    }
    if (payload['nonce'] !== nonce) throw new OAuthError('invalid_nonce', 'id_token nonce does not match this sign-in');
    const azp = payload['azp'];
    if (Array.isArray(payload.aud) && payload.aud.length > 1 && azp !== idp.clientId) throw new OAuthError('invalid_id_token', 'id_token azp is not this client');
    return payload;
  }

  private async keySet(uri: string, fresh: boolean, untrusted = false) {
    const cached = this.keySets.get(uri);
    if (cached && !fresh && this.now() - cached.at < CACHE_MS) return cached.keys;
    const jwks = (await this.getJson(uri, {}, 'jwks', untrusted)) as JSONWebKeySet;
    if (!Array.isArray(jwks.keys)) throw new OAuthError('provider_error', 'jwks: no keys');
    const keys = createLocalJWKSet(jwks);
    this.keySets.set(uri, { keys, at: this.now() });
    return keys;
  }
}

function text(value: unknown, max = 200): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : null;
}

/** OIDC standard claims, with the GitHub-style `id`, `name` and `avatar_url` as fallbacks. */
export function toProfile(claims: Record<string, unknown>): Profile {
  const subject = text(claims['sub'], 255) ?? text(claims['id'], 255);
  if (!subject) throw new OAuthError('provider_error', 'the profile has no subject');
  const [first, ...rest] = (text(claims['name']) ?? '').split(/\s+/);
  const verified = claims['email_verified'];
  const picture = text(claims['picture'], 2048) ?? text(claims['avatar_url'], 2048);
  return {
    subject,
    email: text(claims['email'], 254),
    emailVerified: verified === true || verified === 'true',
    firstName: text(claims['given_name'], 100) ?? (first ? first.slice(0, 100) : null),
    lastName: text(claims['family_name'], 100) ?? (rest.length ? rest.join(' ').slice(0, 100) : null),
    picture: picture && /^https?:\/\//.test(picture) ? picture : null,
  };
}
