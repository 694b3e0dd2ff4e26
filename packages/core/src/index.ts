export { JanuaClient } from './client.ts';
export { normalizeApi } from './http.ts';
export { refreshLead } from './tokens.ts';
export { SSR_COOKIE_NAME, type SsrCookieOptions } from './ssr-cookie.ts';
export { JanuaError, parseRetryAfter, type JanuaErrorInit } from './errors.ts';
export { safeRedirect, type SafeRedirectOptions } from './redirect.ts';
export type { ResourceName, TabMessage } from './cross-tab.ts';
export { toUser } from './types.ts';
export type {
  AuthSnapshot, AuthStatus, ChallengeVia, JanuaClientOptions, Organization, PendingChallenge, RefreshTransport,
  Session, SignInParams, SignInResult, SignUpParams, User, UserPatch,
} from './types.ts';
export { Resource, type ResourceSnapshot, type ResourceStatus } from './resource.ts';
export { mfa, type MfaModule, type MfaSetup, type MfaStatus } from './modules/mfa.ts';
export {
  passkeys, passkeySignIn, supportsPasskeyAutofill, supportsPasskeys, type Passkey, type PasskeySignInParams, type PasskeysModule,
} from './modules/passkeys.ts';
export { sessions, type SessionInfo, type SessionsModule } from './modules/sessions.ts';
export {
  organizations, type Invitation, type InvitationCheck, type InviteParams, type Member,
  type OrganizationPatch, type OrganizationsModule,
} from './modules/organizations.ts';
export { account, type AccountModule, type AccountPatch } from './modules/account.ts';
export { readAuthReturn, resumeChallenge, type AuthReturn } from './modules/challenge.ts';
export { RETURN_PARAM, returnUrl, socialProviders, startSocialSignIn, type ReturnVia, type SocialProvider } from './modules/social.ts';
export { discoverSso, startSso, type SsoDiscovery } from './modules/sso.ts';
export { completeMagicLink, requestMagicLink } from './modules/magic-link.ts';
export { askedForMagicLinkHere } from './modules/magic-link-mark.ts';
export type * from './api-types.ts';
export { PASSWORD_RULES } from './api-types.ts';
export * from './i18n/index.ts';
export { enMfa } from './i18n/en-mfa.ts';
export { enPassword } from './i18n/en-password.ts';
export { enSignUp } from './i18n/en-signup.ts';
export { enMagic } from './i18n/en-magic.ts';
