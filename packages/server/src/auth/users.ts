import type { ApiUser } from '../../../core/src/api-types.ts';
import { defineTable } from '../store/types.ts';
import { iso } from '../util.ts';

export interface UserRow {
  id: string;
  email: string;
  email_verified: boolean;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  profile_image_url: string | null;
  locale: string | null;
  mfa_enabled: boolean;
  /** null for accounts that have no password (social sign-in, passkey-only). */
  password_hash: string | null;
  metadata: Record<string, unknown>;
  created_at: number;
  updated_at: number;
  last_sign_in_at: number | null;
}

/** Email and username are unique ignoring ASCII case, as people type them both ways. */
export const usersTable = defineTable<UserRow>({
  name: 'users',
  columns: {
    id: { type: 'text' },
    email: { type: 'text', nocase: true },
    email_verified: { type: 'boolean', default: false },
    username: { type: 'text', nullable: true, nocase: true },
    first_name: { type: 'text', nullable: true },
    last_name: { type: 'text', nullable: true },
    profile_image_url: { type: 'text', nullable: true },
    locale: { type: 'text', nullable: true },
    mfa_enabled: { type: 'boolean', default: false },
    password_hash: { type: 'text', nullable: true },
    metadata: { type: 'json' },
    created_at: { type: 'integer' },
    updated_at: { type: 'integer' },
    last_sign_in_at: { type: 'integer', nullable: true },
  },
  indexes: [
    { fields: ['email'], unique: true },
    { fields: ['username'], unique: true },
  ],
});

export function toApiUser(row: UserRow): ApiUser {
  return {
    id: row.id,
    email: row.email,
    email_verified: row.email_verified,
    username: row.username,
    first_name: row.first_name,
    last_name: row.last_name,
    profile_image_url: row.profile_image_url,
    locale: row.locale,
    mfa_enabled: row.mfa_enabled,
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
    last_sign_in_at: iso(row.last_sign_in_at),
    metadata: row.metadata,
    has_password: row.password_hash !== null,
  };
}
