/**
 * English strings of the account elements (user button, user profile, MFA setup, backup codes,
 * passkey manager, session list, forgot/reset password, verify email). Kept out of the core
 * catalog so a page that shows only sign-in never downloads them: those elements set
 * `static messages = enAccount`. Keys start with `account.`.
 */
export const enAccount = {
} as const;
