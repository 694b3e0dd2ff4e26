import { sessionsTable } from '../auth/sessions.ts';
import { usersTable } from '../auth/users.ts';
import { defineTable } from '../store/types.ts';

export interface PasskeyRow {
  id: string;
  user_id: string;
  /** base64url credential id, unique across all users: an authenticator answers for one account. */
  credential_id: string;
  /** COSE public key, base64url. */
  public_key: string;
  /** The authenticator's signature counter; 0 for authenticators that do not count. */
  sign_count: number;
  transports: string[];
  name: string;
  authenticator_attachment: 'platform' | 'cross-platform' | null;
  device_type: string;
  backed_up: boolean;
  created_at: number;
  last_used_at: number | null;
}

export const passkeysTable = defineTable<PasskeyRow>({
  name: 'passkeys',
  columns: {
    id: { type: 'text' },
    user_id: { type: 'text' },
    credential_id: { type: 'text' },
    public_key: { type: 'text' },
    sign_count: { type: 'integer', default: 0 },
    transports: { type: 'json' },
    name: { type: 'text' },
    authenticator_attachment: { type: 'text', nullable: true },
    device_type: { type: 'text' },
    backed_up: { type: 'boolean', default: false },
    created_at: { type: 'integer' },
    last_used_at: { type: 'integer', nullable: true },
  },
  indexes: [{ fields: ['credential_id'], unique: true }, { fields: ['user_id'] }],
  foreignKeys: [{ field: 'user_id', table: usersTable.name, onDelete: 'cascade' }],
});

/**
 * A challenge handed out by an options call, until its verify call spends it. The id is the
 * SHA-256 of the challenge, so a database dump holds no live challenge. Registration
 * challenges belong to the signed-in session that asked; authentication challenges to the
 * options call (its `sessionId`) and, when an email was given, to that user.
 */
export interface ChallengeRow {
  id: string;
  kind: 'registration' | 'authentication';
  /** Returned to the client as `sessionId`; a second handle on the same challenge. */
  handle: string;
  session_id: string | null;
  user_id: string | null;
  authenticator_attachment: string | null;
  user_verification: string;
  created_at: number;
  expires_at: number;
}

export const webauthnChallengesTable = defineTable<ChallengeRow>({
  name: 'webauthn_challenges',
  columns: {
    id: { type: 'text' },
    kind: { type: 'text' },
    handle: { type: 'text' },
    session_id: { type: 'text', nullable: true },
    user_id: { type: 'text', nullable: true },
    authenticator_attachment: { type: 'text', nullable: true },
    user_verification: { type: 'text' },
    created_at: { type: 'integer' },
    expires_at: { type: 'integer' },
  },
  indexes: [{ fields: ['handle'], unique: true }, { fields: ['expires_at'] }],
  foreignKeys: [
    { field: 'user_id', table: usersTable.name, onDelete: 'cascade' },
    { field: 'session_id', table: sessionsTable.name, onDelete: 'cascade' },
  ],
});

export const CHALLENGE_TTL_MS = 5 * 60_000;
