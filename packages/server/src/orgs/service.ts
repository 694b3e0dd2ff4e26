import type { AppContext } from '../context.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { ConstraintError, type Patch, type Table } from '../store/types.ts';
import { iso, uuid } from '../util.ts';
import {
  invitationsTable,
  membershipsTable,
  organizationsTable,
  type InvitationRow,
  type MembershipRow,
  type OrganizationRow,
  type OrgRole,
} from './tables.ts';

/** `Organization` of API.md; `role` is the caller's. */
export interface ApiOrganization {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  logo_url: string | null;
  created_at: string;
  updated_at: string;
  member_count: number;
  role: OrgRole;
}

export interface ApiMember {
  user_id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  role: OrgRole;
  joined_at: string;
}

/** Rule violations of this feature (400), beside the codes API.md lists. */
export type OrgErrorCode = 'SLUG_TAKEN' | 'LAST_OWNER' | 'ALREADY_MEMBER' | 'INVITATION_NOT_PENDING';

export function ruleViolation(code: OrgErrorCode, message: string, details: Record<string, unknown> = {}): ApiError {
  return new ApiError(400, code, message, details);
}

export function slugTaken(): ApiError {
  return ruleViolation('SLUG_TAKEN', 'That slug is taken', {
    validation_errors: [{ field: 'slug', message: 'That slug is taken', type: 'taken' }],
  });
}

/** What a caller may see of one organization: the row and their own membership. */
export interface OrgAccess {
  org: OrganizationRow;
  membership: MembershipRow;
}

const MANAGERS: readonly OrgRole[] = ['owner', 'admin'];

/**
 * Organizations, memberships and the rules between them. Every check reads the membership
 * from the store on each call: a role taken away counts at once, whatever an access token says.
 */
export class OrganizationService {
  readonly organizations: Table<OrganizationRow>;
  readonly members: Table<MembershipRow>;
  readonly invitations: Table<InvitationRow>;

  constructor(private readonly ctx: AppContext) {
    this.organizations = ctx.store.table(organizationsTable);
    this.members = ctx.store.table(membershipsTable);
    this.invitations = ctx.store.table(invitationsTable);
  }

  /**
   * The organization and the caller's membership. One answer, 404, for "no such id" and "not
   * yours": a non-member cannot even learn that the id exists.
   */
  access(orgId: string, userId: string): OrgAccess {
    const membership = this.members.findOne({ organization_id: orgId, user_id: userId });
    const org = membership ? this.organizations.get(orgId) : undefined;
    if (!membership || !org) throw notFound('Organization not found');
    return { org, membership };
  }

  /** Owners and admins manage; members and viewers only read. */
  requireManager(access: OrgAccess): void {
    if (!MANAGERS.includes(access.membership.role)) throw forbidden('Only owners and admins can do this');
  }

  requireOwner(access: OrgAccess): void {
    if (access.membership.role !== 'owner') throw forbidden('Only an owner can do this');
  }

  toApi(org: OrganizationRow, role: OrgRole): ApiOrganization {
    return {
      id: org.id,
      name: org.name,
      slug: org.slug,
      description: org.description,
      logo_url: org.logo_url,
      created_at: iso(org.created_at)!,
      updated_at: iso(org.updated_at)!,
      member_count: this.members.count({ organization_id: org.id }),
      role,
    };
  }

  /** The caller's organizations by name, one page of them. */
  listFor(userId: string, page: number, perPage: number): { organizations: ApiOrganization[]; total: number } {
    const memberships = this.members.find({ user_id: userId });
    const roles = new Map(memberships.map((m) => [m.organization_id, m.role]));
    if (roles.size === 0) return { organizations: [], total: 0 };
    const orgs = this.organizations
      .find({ id: { in: [...roles.keys()] } }, { orderBy: [{ field: 'name' }, { field: 'created_at' }] });
    const slice = orgs.slice((page - 1) * perPage, page * perPage);
    return { organizations: slice.map((org) => this.toApi(org, roles.get(org.id)!)), total: orgs.length };
  }

  create(userId: string, fields: { name: string; slug: string; description?: string | null; logo_url?: string | null }): OrganizationRow {
    if (this.organizations.findOne({ slug: fields.slug })) throw slugTaken();
    const now = this.ctx.now();
    try {
      return this.ctx.store.transaction(() => {
        const org = this.organizations.insert({
          id: uuid(),
          name: fields.name,
          slug: fields.slug,
          description: fields.description ?? null,
          logo_url: fields.logo_url ?? null,
          created_at: now,
          updated_at: now,
        });
        this.members.insert({ id: uuid(), organization_id: org.id, user_id: userId, role: 'owner', created_at: now, updated_at: now });
        return org;
      });
    } catch (error) {
      throw error instanceof ConstraintError && error.kind === 'unique' ? slugTaken() : error;
    }
  }

  update(org: OrganizationRow, patch: Patch<OrganizationRow>): OrganizationRow {
    if (Object.keys(patch).length === 0) return org;
    if (patch.slug !== undefined && patch.slug !== org.slug && this.organizations.findOne({ slug: patch.slug })) throw slugTaken();
    try {
      return this.organizations.update(org.id, { ...patch, updated_at: this.ctx.now() })!;
    } catch (error) {
      throw error instanceof ConstraintError && error.kind === 'unique' ? slugTaken() : error;
    }
  }

  /** The organization, its memberships and invitations go together; sessions fall back to personal. */
  remove(orgId: string): void {
    this.ctx.store.transaction(() => {
      this.invitations.deleteWhere({ organization_id: orgId });
      this.members.deleteWhere({ organization_id: orgId });
      this.ctx.sessions.sessions.updateWhere({ active_org_id: orgId }, { active_org_id: null });
      this.organizations.delete(orgId);
    });
  }

  listMembers(orgId: string): ApiMember[] {
    return this.members
      .find({ organization_id: orgId }, { orderBy: [{ field: 'created_at' }, { field: 'id' }] })
      .flatMap((m) => {
        const member = this.toApiMember(m);
        return member ? [member] : [];
      });
  }

  toApiMember(m: MembershipRow): ApiMember | undefined {
    const user = this.ctx.users.get(m.user_id);
    if (!user) return undefined;
    return {
      user_id: m.user_id,
      email: user.email,
      first_name: user.first_name,
      last_name: user.last_name,
      role: m.role,
      joined_at: iso(m.created_at)!,
    };
  }

  /**
   * Only an owner makes or unmakes owners; the last owner stays one. Read and written in one
   * transaction, so two owners demoting each other at once cannot leave none.
   */
  changeRole(actor: OrgAccess, targetUserId: string, role: OrgRole): ApiMember {
    this.requireManager(actor);
    const orgId = actor.org.id;
    const updated = this.ctx.store.transaction(() => {
      const target = this.members.findOne({ organization_id: orgId, user_id: targetUserId });
      if (!target) throw notFound('Member not found');
      if ((target.role === 'owner' || role === 'owner') && actor.membership.role !== 'owner') {
        throw forbidden('Only an owner can make or change an owner');
      }
      if (target.role === 'owner' && role !== 'owner') this.keepAnOwner(orgId);
      if (target.role === role) return target;
      return this.members.update(target.id, { role, updated_at: this.ctx.now() })!;
    });
    return this.toApiMember(updated)!;
  }

  /** Owners and admins remove others (admins not owners); anyone may leave. The last owner may do neither. */
  removeMember(actor: OrgAccess, targetUserId: string): void {
    const orgId = actor.org.id;
    const self = targetUserId === actor.membership.user_id;
    if (!self) this.requireManager(actor);
    this.ctx.store.transaction(() => {
      const target = this.members.findOne({ organization_id: orgId, user_id: targetUserId });
      if (!target) throw notFound('Member not found');
      if (!self && target.role === 'owner' && actor.membership.role !== 'owner') {
        throw forbidden('Only an owner can remove an owner');
      }
      if (target.role === 'owner') this.keepAnOwner(orgId);
      this.members.delete(target.id);
      this.ctx.sessions.sessions.updateWhere({ user_id: targetUserId, active_org_id: orgId }, { active_org_id: null });
    });
  }

  private keepAnOwner(orgId: string): void {
    if (this.members.count({ organization_id: orgId, role: 'owner' }) <= 1) {
      throw ruleViolation('LAST_OWNER', 'An organization needs at least one owner; make someone else an owner first');
    }
  }

  /** Claims for the `organizationOf` token hook: the session's active organization, if still a member. */
  claimsFor(sessionId: string, userId: string): { orgId: string; orgRole: OrgRole } | null {
    const orgId = this.ctx.sessions.sessions.get(sessionId)?.active_org_id;
    if (!orgId) return null;
    const membership = this.members.findOne({ organization_id: orgId, user_id: userId });
    return membership ? { orgId, orgRole: membership.role } : null;
  }

  /** Organizations where this user is the only owner and others remain (they block account deletion). */
  soleOwnerships(userId: string): OrganizationRow[] {
    return this.members.find({ user_id: userId, role: 'owner' }).flatMap((m) => {
      const owners = this.members.count({ organization_id: m.organization_id, role: 'owner' });
      const others = this.members.count({ organization_id: m.organization_id, user_id: { ne: userId } });
      const org = owners === 1 && others > 0 ? this.organizations.get(m.organization_id) : undefined;
      return org ? [org] : [];
    });
  }
}

const services = new WeakMap<AppContext, OrganizationService>();

/** One service per app, shared by the organization and invitation routes. */
export function organizationService(ctx: AppContext): OrganizationService {
  let service = services.get(ctx);
  if (!service) {
    service = new OrganizationService(ctx);
    services.set(ctx, service);
  }
  return service;
}
