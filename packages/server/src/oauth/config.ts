import type { Idp } from './client.ts';

/**
 * Operator configuration of social sign-in providers. Google, GitHub and Microsoft are
 * presets: `{id: 'google', client_id, client_secret}` is enough, the endpoints come from here.
 * Anything else is a generic provider: `type: 'oidc'` with an `issuer` (endpoints from its
 * discovery document), or `type: 'oauth2'` with explicit endpoints.
 */
export interface OAuthProviderConfig {
  /** The `{provider}` path segment: lowercase letters, digits and dashes. */
  id: string;
  name?: string;
  type?: 'oidc' | 'oauth2';
  issuer?: string;
  authorization_endpoint?: string;
  token_endpoint?: string;
  userinfo_endpoint?: string;
  client_id: string;
  client_secret?: string;
  scopes?: string[];
  /** Default true; false lists the provider as disabled and refuses to start its flow. */
  enabled?: boolean;
}

export interface OAuthOptions {
  providers: OAuthProviderConfig[];
}

/** A provider with every field settled; `issuer` is set for OIDC. */
/** A configured provider: the identity provider's endpoints plus how the API lists it. */
export interface ResolvedProvider extends Idp {
  id: string;
  name: string;
  enabled: boolean;
}

type Preset = Omit<ResolvedProvider, 'id' | 'clientId' | 'clientSecret' | 'enabled'>;

export const PROVIDER_PRESETS: Readonly<Record<string, Preset>> = {
  google: {
    name: 'Google',
    type: 'oidc',
    issuer: 'https://accounts.google.com',
    authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenEndpoint: 'https://oauth2.googleapis.com/token',
    userinfoEndpoint: 'https://openidconnect.googleapis.com/v1/userinfo',
    scopes: ['openid', 'email', 'profile'],
    emailsEndpoint: null,
  },
  microsoft: {
    // The "common" tenant issues tokens whose `iss` names the user's own tenant, so the
    // preset is plain OAuth 2.0 + Graph; a single-tenant operator configures type "oidc".
    name: 'Microsoft',
    type: 'oauth2',
    issuer: null,
    authorizationEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    userinfoEndpoint: 'https://graph.microsoft.com/oidc/userinfo',
    scopes: ['openid', 'email', 'profile'],
    emailsEndpoint: null,
  },
  github: {
    name: 'GitHub',
    type: 'oauth2',
    issuer: null,
    authorizationEndpoint: 'https://github.com/login/oauth/authorize',
    tokenEndpoint: 'https://github.com/login/oauth/access_token',
    userinfoEndpoint: 'https://api.github.com/user',
    scopes: ['read:user', 'user:email'],
    emailsEndpoint: 'https://api.github.com/user/emails',
  },
};

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

function url(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new Error(`${where} must be an absolute http(s) URL`);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`${where} must be an absolute http(s) URL, got "${value}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`${where} must be http(s), got "${value}"`);
  return value.replace(/\/+$/, '');
}

/** Checks the operator's list once, at start-up, so a typo fails loudly instead of at a user's first click. */
export function resolveProviders(options: OAuthOptions | undefined): ResolvedProvider[] {
  const list = options?.providers ?? [];
  if (!Array.isArray(list)) throw new Error('oauth.providers must be an array');
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const where = `oauth.providers[${i}]`;
    if (typeof raw !== 'object' || raw === null) throw new Error(`${where} must be an object`);
    if (typeof raw.id !== 'string' || !ID.test(raw.id)) throw new Error(`${where}.id must be lowercase letters, digits and dashes`);
    if (raw.id === 'sso') throw new Error(`${where}.id "sso" is reserved for enterprise SSO`);
    if (seen.has(raw.id)) throw new Error(`${where}.id "${raw.id}" is listed twice`);
    seen.add(raw.id);
    if (typeof raw.client_id !== 'string' || !raw.client_id) throw new Error(`${where}.client_id is required`);
    const preset = PROVIDER_PRESETS[raw.id];
    const type = raw.type ?? preset?.type ?? (raw.issuer ? 'oidc' : 'oauth2');
    if (type !== 'oidc' && type !== 'oauth2') throw new Error(`${where}.type must be "oidc" or "oauth2"`);
    const pick = (field: 'authorization_endpoint' | 'token_endpoint' | 'userinfo_endpoint', fallback: string | null | undefined) =>
      raw[field] !== undefined ? url(raw[field], `${where}.${field}`) : (fallback ?? null);
    const issuer = raw.issuer !== undefined ? url(raw.issuer, `${where}.issuer`) : (preset?.issuer ?? null);
    const resolved: ResolvedProvider = {
      id: raw.id,
      name: typeof raw.name === 'string' && raw.name ? raw.name : (preset?.name ?? raw.id),
      type,
      issuer: type === 'oidc' ? issuer : null,
      authorizationEndpoint: pick('authorization_endpoint', preset?.authorizationEndpoint),
      tokenEndpoint: pick('token_endpoint', preset?.tokenEndpoint),
      userinfoEndpoint: pick('userinfo_endpoint', preset?.userinfoEndpoint),
      clientId: raw.client_id,
      clientSecret: typeof raw.client_secret === 'string' && raw.client_secret ? raw.client_secret : null,
      scopes: Array.isArray(raw.scopes) && raw.scopes.every((s) => typeof s === 'string') ? raw.scopes : (preset?.scopes ?? (type === 'oidc' ? ['openid', 'email', 'profile'] : [])),
      enabled: raw.enabled !== false,
      emailsEndpoint: preset?.emailsEndpoint ?? null,
    };
    if (type === 'oidc' && !resolved.issuer) throw new Error(`${where}: an "oidc" provider needs an issuer`);
    if (type === 'oauth2' && (!resolved.authorizationEndpoint || !resolved.tokenEndpoint || !resolved.userinfoEndpoint)) {
      throw new Error(`${where}: an "oauth2" provider needs authorization_endpoint, token_endpoint and userinfo_endpoint`);
    }
    if (type === 'oidc' && !resolved.scopes.includes('openid')) resolved.scopes = ['openid', ...resolved.scopes];
    return resolved;
  });
}
