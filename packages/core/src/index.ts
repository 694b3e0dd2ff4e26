export { JanuaClient } from './client.ts';
export { normalizeApi } from './http.ts';
export { refreshLead } from './tokens.ts';
export { JanuaError, parseRetryAfter, type JanuaErrorInit } from './errors.ts';
export { safeRedirect, type SafeRedirectOptions } from './redirect.ts';
export type { TabMessage } from './cross-tab.ts';
export { toUser } from './types.ts';
export type {
  AuthSnapshot, AuthStatus, JanuaClientOptions, PendingChallenge, RefreshTransport, Session,
  SignInParams, SignInResult, SignUpParams, User, UserPatch,
} from './types.ts';
export type * from './api-types.ts';
export { PASSWORD_RULES } from './api-types.ts';
export * from './i18n/index.ts';
