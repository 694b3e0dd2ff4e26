import { usersTable } from '../auth/users.ts';
import { defineTable } from '../store/types.ts';

export const ORG_ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export function isOrgRole(value: unknown): value is OrgRole {
  return typeof value === 'string' && (ORG_ROLES as readonly string[]).includes(value);
}

export interface OrganizationRow {
  id: string;
  name: string;
  /** Lower-case letters, digits and inner hyphens, so it is unique without case folding. */
  slug: string;
  description: string | null;
  logo_url: string | null;
  created_at: number;
  updated_at: number;
}

export const organizationsTable = defineTable<OrganizationRow>({
  name: 'organizations',
  columns: {
    id: { type: 'text' },
    name: { type: 'text' },
    slug: { type: 'text' },
    description: { type: 'text', nullable: true },
    logo_url: { type: 'text', nullable: true },
    created_at: { type: 'integer' },
    updated_at: { type: 'integer' },
  },
  indexes: [{ fields: ['slug'], unique: true }],
});

export interface MembershipRow {
  id: string;
  organization_id: string;
  user_id: string;
  role: OrgRole;
  /** `joined_at` on the wire. */
  created_at: number;
  updated_at: number;
}

export const membershipsTable = defineTable<MembershipRow>({
  name: 'organization_members',
  columns: {
    id: { type: 'text' },
    organization_id: { type: 'text' },
    user_id: { type: 'text' },
    role: { type: 'text' },
    created_at: { type: 'integer' },
    updated_at: { type: 'integer' },
  },
  indexes: [{ fields: ['organization_id', 'user_id'], unique: true }, { fields: ['user_id'] }],
  foreignKeys: [
    { field: 'organization_id', table: organizationsTable.name, onDelete: 'cascade' },
    { field: 'user_id', table: usersTable.name, onDelete: 'cascade' },
  ],
});

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export interface InvitationRow {
  id: string;
  organization_id: string;
  email: string;
  role: OrgRole;
  message: string | null;
  /** SHA-256 of the emailed token: the database never holds a usable one. */
  token_hash: string;
  invited_by: string | null;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  accepted_by: string | null;
  revoked_at: number | null;
}

export const invitationsTable = defineTable<InvitationRow>({
  name: 'organization_invitations',
  columns: {
    id: { type: 'text' },
    organization_id: { type: 'text' },
    email: { type: 'text', nocase: true },
    role: { type: 'text' },
    message: { type: 'text', nullable: true },
    token_hash: { type: 'text' },
    invited_by: { type: 'text', nullable: true },
    created_at: { type: 'integer' },
    expires_at: { type: 'integer' },
    accepted_at: { type: 'integer', nullable: true },
    accepted_by: { type: 'text', nullable: true },
    revoked_at: { type: 'integer', nullable: true },
  },
  indexes: [{ fields: ['token_hash'], unique: true }, { fields: ['organization_id'] }, { fields: ['email'] }],
  foreignKeys: [
    { field: 'organization_id', table: organizationsTable.name, onDelete: 'cascade' },
    { field: 'invited_by', table: usersTable.name, onDelete: 'set null' },
    { field: 'accepted_by', table: usersTable.name, onDelete: 'set null' },
  ],
});

/** Derived, never stored: expiry happens by the clock, and a GET must not write. */
export function invitationStatus(row: InvitationRow, now: number): InvitationStatus {
  if (row.accepted_at !== null) return 'accepted';
  if (row.revoked_at !== null) return 'revoked';
  return row.expires_at <= now ? 'expired' : 'pending';
}
