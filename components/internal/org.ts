import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { organizations, type MessageKey, type OrganizationsModule, type OrgRole, type Resource, type ResourceSnapshot } from '@janua/core';
import type { JanuaAuthElement } from './auth-element.ts';

/*
 * What the organization elements share: the role rules as the server applies them (see
 * packages/server/README.md, Organizations), and a controller that keeps a Resource watched.
 */

export const ROLES: readonly OrgRole[] = ['owner', 'admin', 'member', 'viewer'];

/** Owners and admins update the organization, invite, and change or remove members. */
export const isManager = (role: string | null | undefined): boolean => role === 'owner' || role === 'admin';

/** The roles `actor` may give or invite as: only an owner makes owners. */
export const grantable = (actor: string | null | undefined): readonly OrgRole[] =>
  actor === 'owner' ? ROLES : isManager(actor) ? ROLES.slice(1) : [];

/**
 * The localized name of a role, as a label (menus, badges, "Your role: Admin"). A sentence takes
 * the role's code instead and words it itself (`{role, select, …}`): case, article and gender
 * depend on the sentence.
 */
export const roleName = (host: JanuaAuthElement, role: string | null | undefined): string =>
  role ? host.l10n.t(`org.role.${role}` as MessageKey) : '';

/** The organizations module of the host's client, if it has one. */
export const orgsOf = (host: JanuaAuthElement): OrganizationsModule | undefined => {
  const client = host.auth.client;
  return client && organizations(client);
};

/**
 * Keeps the host subscribed to one Resource (which may change with the client or an id) and
 * re-renders it on every change; `snapshot` is the resource's current state.
 */
export class Watch<T> implements ReactiveController {
  private current: Resource<T> | undefined;
  private off: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost, private readonly resource: () => Resource<T> | undefined) {
    host.addController(this);
  }

  get snapshot(): ResourceSnapshot<T> | undefined {
    return this.current?.getSnapshot();
  }

  hostUpdate(): void {
    const next = this.resource();
    if (next === this.current) return;
    this.off?.();
    this.current = next;
    this.off = next?.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.off?.();
    this.off = this.current = undefined;
  }
}
