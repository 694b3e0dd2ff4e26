import type {
  ApiInvitation, ApiInvitationCheck, ApiMember, ApiOrganization, ApiOrganizationPage, ApiTokens,
  InvitationStatus, OrgRole,
} from '../api-types.ts';
import type { JanuaClient } from '../client.ts';
import { JanuaError } from '../errors.ts';
import { invalidResponse } from '../http.ts';
import { camel, camelList, defineModule, seg, snake } from '../internal.ts';
import { invalidate, resource, type Resource } from '../resource.ts';
import { EMPTY_LIST } from '../store.ts';
import type { Organization } from '../types.ts';

export interface Member {
  userId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  role: OrgRole;
  joinedAt: string;
}

export interface Invitation {
  id: string;
  organizationId: string;
  organizationName: string;
  email: string;
  role: OrgRole;
  status: InvitationStatus;
  message: string | null;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
}

/** What an invitation link says before anyone signs in; an unknown token has nulls. */
export interface InvitationCheck {
  valid: boolean;
  organizationName: string | null;
  email: string | null;
  role: OrgRole | null;
  status: InvitationStatus | null;
  expiresAt: string | null;
}

export interface OrganizationPatch {
  name?: string;
  slug?: string;
  description?: string | null;
  logoUrl?: string | null;
}

export interface InviteParams {
  organizationId: string;
  email: string;
  role: OrgRole;
  message?: string;
  /** Seconds, 300 to 30 days; the server's default is 7 days. */
  expiresIn?: number;
}

export interface OrganizationsModule {
  /** Every organization of the user (all pages); mirrored into the snapshot's `organizations`. */
  readonly list: Resource<readonly Organization[]>;
  /**
   * Makes `id` the active organization (`null`: the personal workspace) for this session and
   * every tab sharing it. Resolves with the organization now active.
   */
  switch(id: string | null): Promise<Organization | null>;
  create(params: { name: string; slug: string; description?: string }): Promise<Organization>;
  get(id: string): Promise<Organization>;
  update(id: string, patch: OrganizationPatch): Promise<Organization>;
  /** Owners only; the personal workspace becomes active if `id` was. */
  remove(id: string): Promise<void>;
  members(orgId: string): Resource<readonly Member[]>;
  setRole(orgId: string, userId: string, role: OrgRole): Promise<Member>;
  removeMember(orgId: string, userId: string): Promise<void>;
  /** Removes the signed-in user from the organization. */
  leave(orgId: string): Promise<void>;
  /** Owners and admins. */
  invitations(orgId: string): Resource<readonly Invitation[]>;
  invite(params: InviteParams): Promise<Invitation>;
  revokeInvitation(id: string): Promise<void>;
  /** Needs no sign-in. */
  validateInvitation(token: string): Promise<InvitationCheck>;
  acceptInvitation(token: string): Promise<{ organizationId: string }>;
}

const PAGE = 100;

/** Organizations, their members and invitations, and the active organization of the session. */
export const organizations: (client: JanuaClient) => OrganizationsModule = /* @__PURE__ */ defineModule((client, i) => {
  const list = resource(client, 'organizations', null, async () => {
    const all: Organization[] = [];
    for (let page = 1; ; page++) {
      const r = await i.call<ApiOrganizationPage>('GET', `/organizations/?page=${page}&per_page=${PAGE}`);
      if (!Array.isArray(r?.organizations)) throw invalidResponse();
      all.push(...camelList<Organization>(r.organizations));
      // A page shorter than the server's own size (it may cap ours) is the last.
      if (r.organizations.length < Math.min(PAGE, r.per_page || PAGE) || all.length >= r.total) return Object.freeze(all);
    }
  });

  // A server without the switch (ext: it answers 404 for an organization it lists): the active
  // organization is then this tab's choice from the list, with the list's role, and no token
  // carries it (the app's own server sees the personal workspace). A switch that works clears it,
  // and from then on a 404 is only a 404.
  let local: { user: string | undefined; id: string | null } | null = null;
  // The server has shown it can switch (a switch worked, or the session carries an organization):
  // a 404 then is a glitch or a lost organization, never a missing route.
  let switched = false;
  const chosen = () => {
    const s = i.get();
    // Signing out ends the choice with the session.
    if (!s.user) local = null;
    return local && local.user === s.user?.id ? local : null;
  };

  // The snapshot's organizations and active one follow the list and the session's claims.
  let memo: [Organization | null, OrgRole | undefined, Organization | null] = [null, undefined, null];
  const sync = () => {
    const s = i.get();
    const orgs = list.getSnapshot().data ?? (EMPTY_LIST as readonly Organization[]);
    const mine = chosen();
    const id = mine ? mine.id : s.session?.orgId;
    const found = (id && orgs.find((o) => o.id === id)) || null;
    // The token's role is the one the server put on this session; the list's may be older.
    const role = (mine ? null : s.session?.orgRole as OrgRole | null) ?? found?.role;
    if (memo[0] !== found || memo[1] !== role) {
      memo = [found, role, found && role && role !== found.role ? Object.freeze({ ...found, role }) : found];
    }
    if (s.organizations !== orgs || s.activeOrganization !== memo[2]) i.set({ organizations: orgs, activeOrganization: memo[2] });
  };
  client.subscribe(sync);
  // Always watched, so the snapshot fills on sign-in and after a reload.
  list.subscribe(sync);
  // A list read from the server is newer than the token's claims when it disagrees with them:
  // someone changed this user's role, or removed them, since the token was issued. The next
  // token says what the server now says (once per list read, so a disagreement cannot loop).
  let checked: readonly Organization[] | null = null;
  list.subscribe(({ status, data }) => {
    const session = i.get().session;
    if (status !== 'ready' || !data || data === checked || !session?.orgId) return;
    checked = data;
    if (data.find((o) => o.id === session.orgId)?.role === session.orgRole) return;
    // The other tabs of this session hold the old claims too.
    void i.refresh().then((ok) => ok && i.post({ type: 'refresh', sid: session.id }), () => undefined);
  });

  const keyed = <T>(cache: Map<string, Resource<T>>, name: 'members' | 'invitations', orgId: string, fetch: () => Promise<T>) => {
    let r = cache.get(orgId);
    if (!r) cache.set(orgId, (r = resource(client, name, orgId, fetch)));
    return r;
  };
  const memberCache = new Map<string, Resource<readonly Member[]>>();
  const inviteCache = new Map<string, Resource<readonly Invitation[]>>();
  const changed = (...keys: ['organizations' | 'members' | 'invitations', string?][]) => {
    for (const [name, key] of keys) invalidate(client, name, key);
  };
  /**
   * A call about one organization. Refused (403) or not found (404), the user may have lost the
   * role or the membership since the list was read: the list is read anew, and a token whose
   * claims it contradicts is refreshed (above), here and in the other tabs.
   */
  const about = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    try {
      return await i.call<T>(method, path, body);
    } catch (error) {
      if (JanuaError.is(error) && (error.status === 403 || error.status === 404)) changed(['organizations']);
      throw error;
    }
  };
  const org = (value: unknown) => camel<Organization>(value);
  const activeId = () => (chosen() ?? { id: i.get().session?.orgId ?? null }).id;

  /** This tab's choice, where the server cannot switch: an organization the list holds, or personal. */
  const choose = async (id: string | null) => {
    const orgs = list.getSnapshot().data ?? await list.load();
    if (id != null && !orgs.some((o) => o.id === id)) throw new JanuaError({ code: 'NOT_FOUND', status: 404, message: 'No such organization' });
    local = { user: i.get().user?.id, id };
    sync();
    return i.get().activeOrganization;
  };

  const switchTo = async (id: string | null): Promise<Organization | null> => {
    // Each choice asks the server first (one 404 where it has no switch), so a glitch that made
    // one choice local does not keep later ones from the server.
    const path = id == null ? '/organizations/personal/switch' : `/organizations/${seg(id)}/switch`;
    // A fresh token first: the call below runs inside the refresh lock and so cannot refresh.
    await client.getAccessToken();
    const run = () => i.withRefreshLock(async (token) =>
      i.adoptTokens(await i.call<ApiTokens>('POST', path, undefined, { token, cookie: true })));
    try {
      await run();
      local = null;
      switched = true;
    } catch (error) {
      // No switch on this server (ext), when the organization is one it lists: chosen here.
      // Read anew: the organization may be what is gone (the user removed meanwhile).
      const missing = JanuaError.is(error) && error.status === 404 && !switched && !i.get().session?.orgId;
      const orgs = missing && await list.refresh().catch(() => null);
      if (orgs && (id == null || orgs.some((o) => o.id === id))) return choose(id);
      if (!(JanuaError.is(error) && error.status === 401 && (await i.refresh()))) throw error;
      await run();
    }
    const sid = i.get().session?.id;
    if (sid) i.post({ type: 'refresh', sid });
    await list.load().catch(() => undefined);
    sync();
    return i.get().activeOrganization;
  };
  /** The server moves sessions off an organization the user lost; the token's claims follow. */
  const leftActive = async (orgId: string) => {
    if (activeId() === orgId) await switchTo(null);
  };
  const removeMember = async (orgId: string, userId: string) => {
    await about('DELETE', `/organizations/${seg(orgId)}/members/${seg(userId)}`);
    if (userId === i.get().user?.id) await leftActive(orgId);
    changed(['members', orgId], ['organizations']);
  };

  return {
    list,
    switch: switchTo,
    async create(params) {
      const created = org(await i.call<ApiOrganization>('POST', '/organizations/', snake(params)));
      changed(['organizations']);
      return created;
    },
    get: async (id) => org(await i.call<ApiOrganization>('GET', `/organizations/${seg(id)}`)),
    async update(id, patch) {
      const updated = org(await about<ApiOrganization>('PATCH', `/organizations/${seg(id)}`, snake(patch)));
      changed(['organizations']);
      return updated;
    },
    async remove(id) {
      await about('DELETE', `/organizations/${seg(id)}`);
      await leftActive(id);
      changed(['organizations']);
    },
    members: (orgId) => keyed(memberCache, 'members', orgId, async () =>
      camelList<Member>(await about<ApiMember[]>('GET', `/organizations/${seg(orgId)}/members`))),
    async setRole(orgId, userId, role) {
      const member = camel<Member>(await about<ApiMember>('PATCH', `/organizations/${seg(orgId)}/members/${seg(userId)}/role`, { role }));
      changed(['members', orgId]);
      if (userId === i.get().user?.id) {
        changed(['organizations']);
        // The token's org_role is read at each refresh.
        if (activeId() === orgId) await i.refresh();
      }
      return member;
    },
    removeMember,
    leave: (orgId) => removeMember(orgId, i.get().user?.id ?? ''),
    invitations: (orgId) => keyed(inviteCache, 'invitations', orgId, async () =>
      camelList<Invitation>(await about<ApiInvitation[]>('GET', `/invitations/?organization_id=${seg(orgId)}`))),
    async invite(params) {
      const invitation = camel<Invitation>(await about<ApiInvitation>('POST', '/invitations/', snake(params)));
      changed(['invitations', params.organizationId]);
      return invitation;
    },
    async revokeInvitation(id) {
      await about('DELETE', `/invitations/${seg(id)}`);
      changed(['invitations']);
    },
    validateInvitation: async (token) =>
      camel<InvitationCheck>(await i.call<ApiInvitationCheck>('GET', `/invitations/validate/${seg(token)}`, undefined, { auth: false })),
    async acceptInvitation(token) {
      const res = await i.call<{ organization_id: string }>('POST', '/invitations/accept', { token });
      changed(['organizations']);
      return { organizationId: String(res?.organization_id) };
    },
  };
});
