import type { OrgRole } from '@janua/core';
import { kitEvent as kind } from './events.ts';

/*
 * Events of the organization elements. Like every kit event they bubble and cross shadow roots;
 * details carry ids, roles and status, never an invitation token.
 */

type Org = { organizationId: string };


/** The active organization changed (`null`: the personal workspace); `detail.role` is the user's role in it. */
export const JanuaOrgSwitchedEvent = kind<{ organizationId: string | null; role: OrgRole | null }>('janua-org-switched');
export type JanuaOrgSwitchedEvent = InstanceType<typeof JanuaOrgSwitchedEvent>;
export const JanuaOrgCreatedEvent = kind<Org>('janua-org-created');
export type JanuaOrgCreatedEvent = InstanceType<typeof JanuaOrgCreatedEvent>;
export const JanuaOrgUpdatedEvent = kind<Org>('janua-org-updated');
export type JanuaOrgUpdatedEvent = InstanceType<typeof JanuaOrgUpdatedEvent>;
export const JanuaOrgDeletedEvent = kind<Org>('janua-org-deleted');
export type JanuaOrgDeletedEvent = InstanceType<typeof JanuaOrgDeletedEvent>;
/** The signed-in user left the organization. */
export const JanuaOrgLeftEvent = kind<Org>('janua-org-left');
export type JanuaOrgLeftEvent = InstanceType<typeof JanuaOrgLeftEvent>;
/** A member's role changed (`detail.role` is the new one). */
export const JanuaMemberUpdatedEvent = kind<Org & { userId: string; role: OrgRole }>('janua-member-updated');
export type JanuaMemberUpdatedEvent = InstanceType<typeof JanuaMemberUpdatedEvent>;
export const JanuaMemberRemovedEvent = kind<Org & { userId: string }>('janua-member-removed');
export type JanuaMemberRemovedEvent = InstanceType<typeof JanuaMemberRemovedEvent>;
/** An invitation went out (or went out again: the new one replaces the pending one). */
export const JanuaInvitationSentEvent = kind<Org & { invitationId: string }>('janua-invitation-sent');
export type JanuaInvitationSentEvent = InstanceType<typeof JanuaInvitationSentEvent>;
export const JanuaInvitationRevokedEvent = kind<Org & { invitationId: string }>('janua-invitation-revoked');
export type JanuaInvitationRevokedEvent = InstanceType<typeof JanuaInvitationRevokedEvent>;
/** The signed-in user joined the organization through an invitation. */
export const JanuaInvitationAcceptedEvent = kind<Org>('janua-invitation-accepted');
export type JanuaInvitationAcceptedEvent = InstanceType<typeof JanuaInvitationAcceptedEvent>;
/** Cancelable: the user asked to create an organization. Cancel it to show your own page instead. */
export const JanuaOrgCreateRequestEvent = kind<Record<string, never>>('janua-org-create-request', true);
export type JanuaOrgCreateRequestEvent = InstanceType<typeof JanuaOrgCreateRequestEvent>;
/** Cancelable: the user asked to manage the active organization. Cancel it to show your own page instead. */
export const JanuaOrgManageRequestEvent = kind<Org>('janua-org-manage-request', true);
export type JanuaOrgManageRequestEvent = InstanceType<typeof JanuaOrgManageRequestEvent>;

declare global {
  interface GlobalEventHandlersEventMap {
    'janua-org-switched': JanuaOrgSwitchedEvent;
    'janua-org-created': JanuaOrgCreatedEvent;
    'janua-org-updated': JanuaOrgUpdatedEvent;
    'janua-org-deleted': JanuaOrgDeletedEvent;
    'janua-org-left': JanuaOrgLeftEvent;
    'janua-member-updated': JanuaMemberUpdatedEvent;
    'janua-member-removed': JanuaMemberRemovedEvent;
    'janua-invitation-sent': JanuaInvitationSentEvent;
    'janua-invitation-revoked': JanuaInvitationRevokedEvent;
    'janua-invitation-accepted': JanuaInvitationAcceptedEvent;
    'janua-org-create-request': JanuaOrgCreateRequestEvent;
    'janua-org-manage-request': JanuaOrgManageRequestEvent;
  }
}
