import type { UserRow } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { escapeHtml } from '../outbox.ts';
import { foldCase } from '../store/types.ts';
import { iso, randomToken, sha256, uuid } from '../util.ts';
import { ruleViolation, type OrganizationService, type OrgAccess } from './service.ts';
import { invitationStatus, type InvitationRow, type InvitationStatus, type OrgRole } from './tables.ts';

export const DEFAULT_INVITATION_TTL_S = 7 * 24 * 3600;
export const INVITATION_TTL_RANGE = { min: 300, max: 30 * 24 * 3600 };

/** `Invitation` on the wire. The token is never in it: only the invitee's email carries it. */
export interface ApiInvitation {
  id: string;
  organization_id: string;
  organization_name: string;
  email: string;
  role: OrgRole;
  status: InvitationStatus;
  message: string | null;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

/**
 * The answer of `GET /invitations/validate/{token}`: always 200, `valid` says whether it can be
 * accepted. A known token that is spent or expired still names its organization, so the page
 * can say which invitation to ask for again; an unknown one names nothing.
 */
export interface ApiInvitationCheck {
  valid: boolean;
  organization_name: string | null;
  email: string | null;
  role: OrgRole | null;
  status: InvitationStatus | null;
  expires_at: string | null;
}

const NOT_PENDING: Record<Exclude<InvitationStatus, 'pending'>, string> = {
  accepted: 'This invitation has already been accepted',
  revoked: 'This invitation was revoked',
  expired: 'This invitation has expired; ask for a new one',
};

/** Invitations to organizations: created by owners and admins, accepted once by the invited address. */
export class InvitationService {
  constructor(
    private readonly ctx: AppContext,
    private readonly orgs: OrganizationService,
  ) {}

  toApi(row: InvitationRow): ApiInvitation {
    return {
      id: row.id,
      organization_id: row.organization_id,
      organization_name: this.orgs.organizations.get(row.organization_id)?.name ?? '',
      email: row.email,
      role: row.role,
      status: invitationStatus(row, this.ctx.now()),
      message: row.message,
      invited_by: row.invited_by,
      created_at: iso(row.created_at)!,
      expires_at: iso(row.expires_at)!,
      accepted_at: iso(row.accepted_at),
    };
  }

  /**
   * Inviting an address that already has a pending invitation replaces it (the old link stops
   * working), so "invite again" is how an admin resends.
   */
  async create(
    actor: OrgAccess,
    inviter: UserRow,
    input: { email: string; role: OrgRole; message?: string | null; expires_in?: number },
  ): Promise<ApiInvitation> {
    this.orgs.requireManager(actor);
    if (input.role === 'owner' && actor.membership.role !== 'owner') throw forbidden('Only an owner can invite an owner');
    const orgId = actor.org.id;
    const token = randomToken(32);
    const hash = await sha256(token);
    const row = this.ctx.store.transaction(() => {
      const existing = this.ctx.users.findOne({ email: input.email });
      if (existing && this.orgs.members.findOne({ organization_id: orgId, user_id: existing.id })) {
        throw ruleViolation('ALREADY_MEMBER', 'This person is already a member of the organization', {
          validation_errors: [{ field: 'email', message: 'This person is already a member', type: 'taken' }],
        });
      }
      const now = this.ctx.now();
      this.orgs.invitations.updateWhere(
        { organization_id: orgId, email: input.email, accepted_at: null, revoked_at: null },
        { revoked_at: now },
      );
      return this.orgs.invitations.insert({
        id: uuid(),
        organization_id: orgId,
        email: input.email,
        role: input.role,
        message: input.message ?? null,
        token_hash: hash,
        invited_by: inviter.id,
        created_at: now,
        expires_at: now + (input.expires_in ?? DEFAULT_INVITATION_TTL_S) * 1000,
        accepted_at: null,
        accepted_by: null,
        revoked_at: null,
      });
    });
    await this.sendEmail(row, actor, inviter, token);
    return this.toApi(row);
  }

  private async sendEmail(row: InvitationRow, actor: OrgAccess, inviter: UserRow, token: string): Promise<void> {
    const link = `${this.ctx.config.frontendUrl}/accept-invitation?token=${encodeURIComponent(token)}`;
    const who = [inviter.first_name, inviter.last_name].filter(Boolean).join(' ') || inviter.email;
    const org = actor.org.name;
    const until = new Date(row.expires_at).toUTCString();
    const note = row.message ? `\n\n${who} wrote: ${row.message}` : '';
    await this.ctx.outbox.send({
      to: row.email,
      subject: `${who} invited you to join ${org} on Janua`,
      text: `${who} invited you to join ${org} as ${row.role}.${note}\n\nAccept the invitation: ${link}\n\nThe link works once, until ${until}.`,
      html:
        `<p>${escapeHtml(who)} invited you to join <strong>${escapeHtml(org)}</strong> as ${escapeHtml(row.role)}.</p>` +
        (row.message ? `<blockquote>${escapeHtml(row.message)}</blockquote>` : '') +
        `<p><a href="${escapeHtml(link)}">Accept the invitation</a></p><p>The link works once, until ${escapeHtml(until)}.</p>`,
      link,
    });
  }

  list(actor: OrgAccess, status?: InvitationStatus): ApiInvitation[] {
    this.orgs.requireManager(actor);
    return this.orgs.invitations
      .find({ organization_id: actor.org.id }, { orderBy: [{ field: 'created_at', direction: 'desc' }, { field: 'id' }] })
      .map((row) => this.toApi(row))
      .filter((invitation) => status === undefined || invitation.status === status);
  }

  /** Only a pending invitation can be revoked; its link stops working at once. */
  revoke(invitationId: string, userId: string): void {
    const row = this.orgs.invitations.get(invitationId);
    if (!row) throw notFound('Invitation not found');
    const actor = this.orgs.access(row.organization_id, userId);
    this.orgs.requireManager(actor);
    this.ctx.store.transaction(() => {
      const fresh = this.orgs.invitations.get(invitationId)!;
      const status = invitationStatus(fresh, this.ctx.now());
      if (status !== 'pending') throw ruleViolation('INVITATION_NOT_PENDING', NOT_PENDING[status], { status });
      this.orgs.invitations.update(invitationId, { revoked_at: this.ctx.now() });
    });
  }

  async check(token: string): Promise<ApiInvitationCheck> {
    const row = token.length <= 512 ? this.orgs.invitations.findOne({ token_hash: await sha256(token) }) : undefined;
    const org = row ? this.orgs.organizations.get(row.organization_id) : undefined;
    if (!row || !org) return { valid: false, organization_name: null, email: null, role: null, status: null, expires_at: null };
    const status = invitationStatus(row, this.ctx.now());
    return { valid: status === 'pending', organization_name: org.name, email: row.email, role: row.role, status, expires_at: iso(row.expires_at) };
  }

  /**
   * Joins the signed-in user to the organization. The token proves the invitee read the
   * email; the matching address proves this account is theirs to bring, so a forwarded link
   * does not let someone else in.
   */
  async accept(token: string, user: UserRow): Promise<{ success: true; organization_id: string; message: string }> {
    const hash = await sha256(token);
    return this.ctx.store.transaction(() => {
      const row = this.orgs.invitations.findOne({ token_hash: hash });
      const org = row ? this.orgs.organizations.get(row.organization_id) : undefined;
      if (!row || !org) throw new ApiError(400, 'INVALID_TOKEN', 'This invitation link is not valid');
      const now = this.ctx.now();
      const status = invitationStatus(row, now);
      if (status !== 'pending') throw new ApiError(400, 'INVALID_TOKEN', NOT_PENDING[status], { status });
      // The users table folds ASCII case only (SQLite NOCASE): `É…` and `é…` are two accounts.
      if (foldCase(row.email) !== foldCase(user.email)) {
        throw forbidden(`This invitation was sent to a different email address; sign in as ${row.email} to accept it`);
      }
      const member = this.orgs.members.findOne({ organization_id: org.id, user_id: user.id });
      if (!member) {
        this.orgs.members.insert({ id: uuid(), organization_id: org.id, user_id: user.id, role: row.role, created_at: now, updated_at: now });
      }
      this.orgs.invitations.update(row.id, { accepted_at: now, accepted_by: user.id });
      return {
        success: true as const,
        organization_id: org.id,
        message: member ? `You were already a member of ${org.name}` : `You joined ${org.name}`,
      };
    });
  }
}
