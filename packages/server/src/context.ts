import type { AccessClaims } from '../../core/src/api-types.ts';
import type { KeyRing } from './auth/keys.ts';
import type { PasswordHasher, PasswordPolicy } from './auth/password.ts';
import type { SessionRow, SessionService } from './auth/sessions.ts';
import type { AccessTokenIssuer } from './auth/tokens.ts';
import type { UserRow } from './auth/users.ts';
import type { UserDataRegistry } from './gdpr/registry.ts';
import type { OAuthOptions } from './oauth/config.ts';
import type { ResolveHost } from './oauth/outbound.ts';
import type { Mailer, Outbox } from './outbox.ts';
import type { RateLimitConfig, RateLimiters } from './rate-limit.ts';
import type { Store, Table } from './store/types.ts';

export interface AppOptions {
  store: Store;
  hasher: PasswordHasher;
  /**
   * Decides whether a new password may be set (sign-up, reset, change). Default: zxcvbn with
   * its breached-password list (strength.ts), loaded on first use. The in-browser build passes
   * the short list policy instead (browser.ts).
   */
  passwordPolicy?: PasswordPolicy;
  /** Public base URL of this server (no trailing slash); the `iss` of its tokens. */
  issuer: string;
  /** The `aud` of access tokens; defaults to the issuer. */
  audience?: string;
  /** Enables `/api/v1/dev/*`. Never on a public address (startServer refuses). */
  dev?: boolean;
  /** Origins allowed to call with credentials. */
  cors?: string[];
  /** Clock in ms; tests move it to expire tokens. */
  now?: () => number;
  keys?: KeyRing;
  /** Seconds; default 900. */
  accessTokenTtl?: number;
  /** Seconds; default 30 days. */
  refreshTokenTtl?: number;
  /**
   * Seconds a signing key signs before a new one replaces it (the old one stays in JWKS until
   * its last token has expired). Default: no automatic rotation; `keys.rotate()` still works.
   */
  keyRotationAge?: number;
  rateLimit?: false | RateLimitConfig;
  /** A real transport; messages are also kept in the outbox. */
  mailer?: Mailer;
  log?: (line: string) => void;
  /** Largest accepted request body in bytes; default 64 KiB. */
  bodyLimit?: number;
  /** Where emails link to (the site running the kit); default the issuer. */
  frontendUrl?: string;
  /**
   * The client's address. The app has no socket, so the host supplies it: startServer reads
   * the TCP peer. Default: `env.ip` when the caller passes one to `fetch(request, env)`.
   */
  clientIp?: (request: Request, env: unknown) => string | null | undefined;
  /** WebAuthn relying-party id (a registrable domain); default the front-end URL's host name. */
  rpId?: string;
  /** The name authenticators show; default "Janua". */
  rpName?: string;
  /** Page origins accepted in WebAuthn responses; default the front-end origin, the issuer's and the CORS list. */
  origins?: string[];
  /** Social sign-in providers (Google, GitHub, Microsoft, generic OIDC / OAuth 2.0). */
  oauth?: OAuthOptions;
  /** Outgoing HTTP to identity providers; default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /**
   * Lets organizations name an SSO issuer on http or on a loopback, private, link-local or CGNAT
   * address (an IdP on the intranet). Default: on in dev mode only; otherwise issuers must be
   * https URLs of public hosts, and so must everything their discovery document names.
   */
  ssoAllowPrivateIssuers?: boolean;
  /**
   * Every address a host name resolves to, so SSO issuers whose names point inside the network
   * are refused too (when saved and before every request to them). startServer uses node:dns;
   * the browser build has none, and then only the scheme and literal addresses are checked.
   */
  resolveHost?: ResolveHost;
  /**
   * Host names (any port) a request's Host header may name; any other is answered 403, which
   * stops DNS rebinding from reaching a server on loopback. Unset: no check. startServer sets it
   * in dev mode: localhost (and *.localhost), 127.0.0.1, [::1], the bound address, and the hosts
   * of the issuer, the front end, the CORS list and the passkey origins, plus any given here.
   */
  allowedHosts?: readonly string[];
}

export interface AppConfig {
  issuer: string;
  audience: string;
  origin: string;
  dev: boolean;
  cors: readonly string[];
  accessTokenTtl: number;
  refreshTokenTtl: number;
  bodyLimit: number;
  frontendUrl: string;
  secureCookies: boolean;
  rpId: string;
  rpName: string;
  origins: readonly string[];
  oauth: OAuthOptions | undefined;
  ssoAllowPrivateIssuers: boolean;
  /** Lowercase host names without port or brackets; null when Host is not checked. */
  allowedHosts: ReadonlySet<string> | null;
}

/** Everything a route module needs; other features add their services beside these. */
export interface AppContext {
  config: AppConfig;
  store: Store;
  hasher: PasswordHasher;
  passwordPolicy: PasswordPolicy;
  now: () => number;
  log: (line: string) => void;
  outbox: Outbox;
  keys: KeyRing;
  tokens: AccessTokenIssuer;
  users: Table<UserRow>;
  sessions: SessionService;
  limits: RateLimiters | null;
  clientIp: (request: Request, env: unknown) => string | null;
  /** A hash of a random password, verified against for unknown users so timing matches. */
  dummyHash: () => Promise<string>;
  /** Outgoing HTTP (identity providers). */
  fetch: typeof fetch;
  /** Name resolution for the SSO address checks; null in the browser. */
  resolveHost: ResolveHost | null;
  /** What the GDPR export and account deletion cover; features with data of their own register here. */
  userData: UserDataRegistry;
}

export interface AuthState {
  user: UserRow;
  session: SessionRow;
  claims: AccessClaims;
}

export type AppEnv = {
  Bindings: object;
  Variables: { requestId: string; auth: AuthState };
};
