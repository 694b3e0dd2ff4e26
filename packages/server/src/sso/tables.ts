import { organizationsTable } from '../orgs/tables.ts';
import { defineTable } from '../store/types.ts';

/** An organization's OpenID Connect identity provider; one per organization (id = organization id). */
export interface SsoConnectionRow {
  id: string;
  /** Same value as `id`; a column of its own because the SQLite store puts foreign keys on plain columns only. */
  organization_id: string;
  issuer: string;
  client_id: string;
  client_secret: string | null;
  scopes: string[];
  enabled: boolean;
  created_at: number;
  updated_at: number;
}

export const ssoConnectionsTable = defineTable<SsoConnectionRow>({
  name: 'sso_connections',
  columns: {
    id: { type: 'text' },
    organization_id: { type: 'text' },
    issuer: { type: 'text' },
    client_id: { type: 'text' },
    client_secret: { type: 'text', nullable: true },
    scopes: { type: 'json' },
    enabled: { type: 'boolean', default: true },
    created_at: { type: 'integer' },
    updated_at: { type: 'integer' },
  },
  indexes: [{ fields: ['organization_id'], unique: true }],
  foreignKeys: [{ field: 'organization_id', table: organizationsTable.name, onDelete: 'cascade' }],
});

/** An email domain routed to an organization's IdP. The id is the lower-case domain: one organization per domain. */
export interface SsoDomainRow {
  id: string;
  organization_id: string;
}

export const ssoDomainsTable = defineTable<SsoDomainRow>({
  name: 'sso_domains',
  columns: {
    id: { type: 'text' },
    organization_id: { type: 'text' },
  },
  indexes: [{ fields: ['organization_id'] }],
  foreignKeys: [{ field: 'organization_id', table: organizationsTable.name, onDelete: 'cascade' }],
});
