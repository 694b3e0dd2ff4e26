/*
 * Events of the account elements. Like every kit event they bubble and cross shadow roots, and
 * their details carry ids and counts only: never a password, a code, a secret or a token.
 */

import { kitEvent as accountEvent } from './events.ts';

export class JanuaProfileUpdatedEvent extends accountEvent<{ userId: string }>('janua-profile-updated') {}
export class JanuaPasswordChangedEvent extends accountEvent<{ revokedCount: number }>('janua-password-changed') {}
export class JanuaAccountDeletedEvent extends accountEvent<{ userId: string }>('janua-account-deleted') {}
export class JanuaVerificationSentEvent extends accountEvent<Record<string, never>>('janua-verification-sent') {}
export class JanuaEmailVerifiedEvent extends accountEvent<Record<string, never>>('janua-email-verified') {}
/** Sent whether or not the address has an account (the server answers alike); no address in it. */
export class JanuaPasswordResetRequestedEvent extends accountEvent<Record<string, never>>('janua-password-reset-requested') {}
export class JanuaPasswordResetEvent extends accountEvent<Record<string, never>>('janua-password-reset') {}
export class JanuaMfaEnabledEvent extends accountEvent<{ method: 'totp' | 'sms' }>('janua-mfa-enabled') {}
export class JanuaMfaDisabledEvent extends accountEvent<Record<string, never>>('janua-mfa-disabled') {}
/** The user confirmed having saved a new set of backup codes; `count` codes, never the codes. */
export class JanuaBackupCodesSavedEvent extends accountEvent<{ count: number }>('janua-backup-codes-saved') {}
export class JanuaPasskeyAddedEvent extends accountEvent<{ passkeyId: string }>('janua-passkey-added') {}
export class JanuaPasskeyRenamedEvent extends accountEvent<{ passkeyId: string }>('janua-passkey-renamed') {}
export class JanuaPasskeyRemovedEvent extends accountEvent<{ passkeyId: string }>('janua-passkey-removed') {}
/** One session (`sessionId`) or every other one (`sessionId: null`) was ended. */
export class JanuaSessionRevokedEvent extends accountEvent<{ sessionId: string | null; revokedCount: number }>('janua-session-revoked') {}

declare global {
  interface GlobalEventHandlersEventMap {
    'janua-profile-updated': JanuaProfileUpdatedEvent;
    'janua-password-changed': JanuaPasswordChangedEvent;
    'janua-account-deleted': JanuaAccountDeletedEvent;
    'janua-verification-sent': JanuaVerificationSentEvent;
    'janua-email-verified': JanuaEmailVerifiedEvent;
    'janua-password-reset-requested': JanuaPasswordResetRequestedEvent;
    'janua-password-reset': JanuaPasswordResetEvent;
    'janua-mfa-enabled': JanuaMfaEnabledEvent;
    'janua-mfa-disabled': JanuaMfaDisabledEvent;
    'janua-backup-codes-saved': JanuaBackupCodesSavedEvent;
    'janua-passkey-added': JanuaPasskeyAddedEvent;
    'janua-passkey-renamed': JanuaPasskeyRenamedEvent;
    'janua-passkey-removed': JanuaPasskeyRemovedEvent;
    'janua-session-revoked': JanuaSessionRevokedEvent;
  }
}
