import { usersTable } from '../auth/users.ts';
import { defineTable } from '../store/types.ts';

/** A user's second factors; at most one row per user, made on the first `/mfa/enable` or `/mfa/sms/enable`. */
export interface MfaSettingsRow {
  id: string;
  user_id: string;
  /**
   * Base32 TOTP secret. Stored as is: the server must recompute codes from it, so hashing is
   * not possible; protect the database as you would the signing key (README).
   */
  totp_secret: string | null;
  /** True once a first code proved the authenticator app holds the secret. */
  totp_verified: boolean;
  /** The newest time step accepted; codes of this step or older are refused (replay). */
  totp_last_step: number;
  /** E.164, set once an SMS code to it has been confirmed. */
  phone_number: string | null;
  sms_verified: boolean;
  last_used_at: number | null;
  backup_generated_at: number | null;
  /** Wrong second-factor codes in a row, for the progressive lockout; a good code clears it. */
  failed_count: number;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
}

export const mfaSettingsTable = defineTable<MfaSettingsRow>({
  name: 'mfa_settings',
  columns: {
    id: { type: 'text' },
    user_id: { type: 'text' },
    totp_secret: { type: 'text', nullable: true },
    totp_verified: { type: 'boolean', default: false },
    totp_last_step: { type: 'integer', default: 0 },
    phone_number: { type: 'text', nullable: true },
    sms_verified: { type: 'boolean', default: false },
    last_used_at: { type: 'integer', nullable: true },
    backup_generated_at: { type: 'integer', nullable: true },
    failed_count: { type: 'integer', default: 0 },
    locked_until: { type: 'integer', nullable: true },
    created_at: { type: 'integer' },
    updated_at: { type: 'integer' },
  },
  indexes: [{ fields: ['user_id'], unique: true }],
  foreignKeys: [{ field: 'user_id', table: usersTable.name, onDelete: 'cascade' }],
});

/**
 * Backup codes, hashed with plain SHA-256: each has 60 random bits, so, unlike a password,
 * it cannot be found by guessing through a slow hash's worth of candidates either way.
 */
export interface BackupCodeRow {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: number;
  used_at: number | null;
}

export const backupCodesTable = defineTable<BackupCodeRow>({
  name: 'mfa_backup_codes',
  columns: {
    id: { type: 'text' },
    user_id: { type: 'text' },
    code_hash: { type: 'text' },
    created_at: { type: 'integer' },
    used_at: { type: 'integer', nullable: true },
  },
  indexes: [{ fields: ['user_id', 'code_hash'] }],
  foreignKeys: [{ field: 'user_id', table: usersTable.name, onDelete: 'cascade' }],
});
