import { usersTable } from '../auth/users.ts';
import { defineTable } from '../store/types.ts';

/**
 * One sign-in in flight, from the authorize call to the callback. The id is the SHA-256 of
 * the `state` sent to the provider, so the table holds nothing a caller could replay; the row
 * is deleted by the first callback that presents it.
 */
export interface OAuthStateRow {
  id: string;
  /** A configured provider id, or "sso" for an organization's identity provider. */
  provider: string;
  organization_id: string | null;
  /** PKCE verifier: only its S256 hash left this server, in the authorization URL. */
  code_verifier: string;
  nonce: string;
  redirect_uri: string;
  redirect_to: string;
  /**
   * SHA-256 of the secret in the browser-binding cookie set by the call that started the flow
   * (login CSRF: the callback must come from that browser). Null only on rows written before
   * the binding existed, which are refused.
   */
  browser_hash: string | null;
  created_at: number;
  expires_at: number;
}

export const oauthStatesTable = defineTable<OAuthStateRow>({
  name: 'oauth_states',
  columns: {
    id: { type: 'text' },
    provider: { type: 'text' },
    organization_id: { type: 'text', nullable: true },
    code_verifier: { type: 'text' },
    nonce: { type: 'text' },
    redirect_uri: { type: 'text' },
    redirect_to: { type: 'text' },
    browser_hash: { type: 'text', nullable: true },
    created_at: { type: 'integer' },
    expires_at: { type: 'integer' },
  },
  indexes: [{ fields: ['expires_at'] }],
});

/** A user's identity at a provider. `(provider, subject)` names exactly one Janua user. */
export interface OAuthAccountRow {
  id: string;
  /** The provider id, or `sso:<organization id>` for enterprise SSO. */
  provider: string;
  subject: string;
  user_id: string;
  email: string | null;
  created_at: number;
  last_used_at: number;
}

export const oauthAccountsTable = defineTable<OAuthAccountRow>({
  name: 'oauth_accounts',
  columns: {
    id: { type: 'text' },
    provider: { type: 'text' },
    subject: { type: 'text' },
    user_id: { type: 'text' },
    email: { type: 'text', nullable: true },
    created_at: { type: 'integer' },
    last_used_at: { type: 'integer' },
  },
  indexes: [{ fields: ['provider', 'subject'], unique: true }, { fields: ['user_id'] }],
  foreignKeys: [{ field: 'user_id', table: usersTable.name, onDelete: 'cascade' }],
});

export const STATE_TTL_MS = 10 * 60_000;
