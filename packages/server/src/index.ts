/**
 * @janua/server: the reference Janua v1 API as a web-standard `fetch` handler. Nothing here
 * imports Node: the Node listener, SQLite and the Argon2id/scrypt hashers are in `./node.ts`.
 */
export { createApp, createContext, type JanuaApp } from './app.ts';
export type { AppConfig, AppContext, AppEnv, AppOptions, AuthState } from './context.ts';
export { FEATURES, type Feature } from './features.ts';
export { createMemoryStore } from './store/memory.ts';
export {
  ConstraintError,
  defineTable,
  type ColumnSpec,
  type Condition,
  type FindOptions,
  type ForeignKeySpec,
  type IndexSpec,
  type Patch,
  type Row,
  type Store,
  type Table,
  type TableSpec,
  type Where,
} from './store/types.ts';
export {
  createPbkdf2Hasher,
  createListPolicy,
  checkNewPassword,
  isCommonPassword,
  isWellFormed,
  normalizePassword,
  PASSWORD_RULES,
  type PasswordHasher,
  type PasswordPolicy,
  type PasswordProblem,
  type PasswordProblemType,
} from './auth/password.ts';
export { createStrengthPolicy } from './auth/strength.ts';
export { KeyRing, SIGNING_ALG, signingKeysTable } from './auth/keys.ts';
export { signAccessToken, verifyAccessToken, ACCESS_TOKEN_TYPE } from './auth/tokens.ts';
export { SessionService, sessionsTable, refreshTokensTable } from './auth/sessions.ts';
export { usersTable, toApiUser, type UserRow } from './auth/users.ts';
export { ApiError, errorBody } from './http/errors.ts';
export { validate, type Schema, type FieldRule } from './http/validate.ts';
export { readJson } from './http/body.ts';
export { requireAuth, originAllowed } from './http/middleware.ts';
export { Outbox, type Mailer, type OutboxMessage } from './outbox.ts';
export { SlidingWindowLimiter, DEFAULT_RATE_LIMITS, type RateLimitOptions } from './rate-limit.ts';
export { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from './routes/auth.ts';
export { seedDemo, DEMO_LOGIN, DEMO_ACCOUNTS } from './seed.ts';
export { createBrowserApp, type BrowserAppOptions } from './browser.ts';
