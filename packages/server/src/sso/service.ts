import type { UserRow } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import type { Idp } from '../oauth/client.ts';
import { membershipsTable, organizationsTable } from '../orgs/tables.ts';
import { uuid } from '../util.ts';
import { ssoConnectionsTable, ssoDomainsTable, type SsoConnectionRow } from './tables.ts';

export interface SsoSettings {
  issuer: string;
  client_id: string;
  client_secret?: string | null;
  domains: string[];
  scopes?: string[];
  enabled?: boolean;
}

/**
 * Per-organization OIDC. An organization's IdP speaks for its members and for emails of its
 * domains, and no further: it may create accounts for new addresses of those domains and sign
 * in its existing members, but an existing account that is not a member is never taken over by
 * it (that person signs in as before and is invited).
 */
export class SsoService {
  readonly connections;
  readonly domains;
  readonly organizations;
  readonly members;

  constructor(private readonly ctx: AppContext) {
    this.connections = ctx.store.table(ssoConnectionsTable);
    this.domains = ctx.store.table(ssoDomainsTable);
    this.organizations = ctx.store.table(organizationsTable);
    this.members = ctx.store.table(membershipsTable);
  }

  /** Sets (or replaces) an organization's connection; also the store-level way to seed one. */
  configure(organizationId: string, settings: SsoSettings): SsoConnectionRow {
    const now = this.ctx.now();
    return this.ctx.store.transaction(() => {
      const existing = this.connections.get(organizationId);
      const row: SsoConnectionRow = {
        id: organizationId,
        organization_id: organizationId,
        issuer: settings.issuer.replace(/\/+$/, ''),
        client_id: settings.client_id,
        // Leaving the secret out keeps the stored one, so an admin form need not show it.
        client_secret: settings.client_secret === undefined ? (existing?.client_secret ?? null) : settings.client_secret,
        scopes: settings.scopes ?? existing?.scopes ?? ['openid', 'email', 'profile'],
        enabled: settings.enabled ?? true,
        created_at: existing?.created_at ?? now,
        updated_at: now,
      };
      if (existing) {
        // The row's id is the organization's and never changes; the stores refuse a patch that names it.
        const { id: _id, ...changes } = row;
        this.connections.update(organizationId, changes);
      } else {
        this.connections.insert(row);
      }
      this.domains.deleteWhere({ organization_id: organizationId });
      for (const domain of new Set(settings.domains.map((d) => d.toLowerCase()))) this.domains.insert({ id: domain, organization_id: organizationId });
      return row;
    });
  }

  remove(organizationId: string): void {
    this.ctx.store.transaction(() => {
      this.domains.deleteWhere({ organization_id: organizationId });
      this.connections.delete(organizationId);
    });
  }

  /** The enabled connection and slug for an email's domain, if any. */
  forEmail(email: string): { slug: string } | null {
    const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
    const row = this.domains.get(domain);
    const conn = row ? this.connections.get(row.organization_id) : undefined;
    const org = conn?.enabled ? this.organizations.get(conn.id) : undefined;
    return org ? { slug: org.slug } : null;
  }

  idp(conn: SsoConnectionRow): Idp {
    return {
      type: 'oidc',
      issuer: conn.issuer,
      authorizationEndpoint: null,
      tokenEndpoint: null,
      userinfoEndpoint: null,
      clientId: conn.client_id,
      clientSecret: conn.client_secret,
      scopes: conn.scopes.includes('openid') ? conn.scopes : ['openid', ...conn.scopes],
      emailsEndpoint: null,
      untrusted: true,
    };
  }

  domainAllowed(organizationId: string, email: string): boolean {
    const row = this.domains.get(email.slice(email.lastIndexOf('@') + 1).toLowerCase());
    return row?.organization_id === organizationId;
  }

  isMember(organizationId: string, user: UserRow): boolean {
    return this.members.count({ organization_id: organizationId, user_id: user.id }) > 0;
  }

  /** Call inside the sign-in transaction. */
  ensureMember(organizationId: string, user: UserRow): void {
    if (this.isMember(organizationId, user)) return;
    const now = this.ctx.now();
    this.members.insert({ id: uuid(), organization_id: organizationId, user_id: user.id, role: 'member', created_at: now, updated_at: now });
  }
}

const services = new WeakMap<AppContext, SsoService>();

export function ssoService(ctx: AppContext): SsoService {
  let service = services.get(ctx);
  if (!service) {
    service = new SsoService(ctx);
    services.set(ctx, service);
  }
  return service;
}
