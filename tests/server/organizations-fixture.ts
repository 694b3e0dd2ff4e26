import assert from 'node:assert/strict';
import { organizationService } from '../../packages/server/src/orgs/service.ts';
import type { TestApp } from '../../packages/server/src/testing.ts';

export type Role = 'owner' | 'admin' | 'member' | 'viewer';
export type Actor = Role | 'outsider';
export const ACTORS: readonly Actor[] = ['owner', 'admin', 'member', 'viewer', 'outsider'];

export interface Person {
  id: string;
  email: string;
  token: string;
  refresh: string;
}

let n = 0;

export async function person(t: TestApp, label = 'user'): Promise<Person> {
  const res = await t.signUp({ email: `${label}.${++n}.${Date.now()}@example.test` });
  return { id: res.user.id, email: res.user.email, token: res.tokens!.access_token, refresh: res.tokens!.refresh_token };
}

export async function createOrg(t: TestApp, owner: Person, slug = `org-${++n}`, name = `Org ${n}`): Promise<string> {
  const res = await t.request('POST', '/api/v1/organizations/', { token: owner.token, body: { name, slug } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}

/** The token emailed in the newest invitation to `email`. */
export function invitationToken(t: TestApp, email: string): string {
  const mail = t.outbox.list(email).filter((m) => m.link?.includes('/accept-invitation?')).at(-1);
  assert.ok(mail, `an invitation email reached ${email}`);
  return new URL(mail.link!).searchParams.get('token')!;
}

export async function invite(t: TestApp, by: Person, orgId: string, email: string, role: Role): Promise<{ id: string; token: string }> {
  const res = await t.request('POST', '/api/v1/invitations/', { token: by.token, body: { organization_id: orgId, email, role } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { id: res.body.id as string, token: invitationToken(t, email) };
}

/** Joins `who` to the organization the real way: an invitation by `by`, accepted by `who`. */
export async function join(t: TestApp, by: Person, orgId: string, who: Person, role: Role): Promise<void> {
  const { token } = await invite(t, by, orgId, who.email, role);
  const res = await t.request('POST', '/api/v1/invitations/accept', { token: who.token, body: { token } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

export interface RoleFixture {
  orgId: string;
  people: Record<Actor, Person>;
  /** A pending invitation (role member) for someone who has not answered yet. */
  pending: { id: string; token: string; email: string };
}

/** One organization with one person in each role, a non-member, and a pending invitation. */
export async function roleFixture(t: TestApp): Promise<RoleFixture> {
  const people = {} as Record<Actor, Person>;
  for (const actor of ACTORS) people[actor] = await person(t, actor);
  const orgId = await createOrg(t, people.owner);
  for (const role of ['admin', 'member', 'viewer'] as const) await join(t, people.owner, orgId, people[role], role);
  const email = `pending.${++n}@example.test`;
  const pending = { ...(await invite(t, people.owner, orgId, email, 'member')), email };
  return { orgId, people, pending };
}

/** Every row this feature keeps, plus the sessions' active organization: equal before and after means nothing changed. */
export function snapshot(t: TestApp): string {
  const orgs = organizationService(t.app.ctx);
  const all = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
  return JSON.stringify({
    organizations: all(orgs.organizations.find()),
    members: all(orgs.members.find()),
    invitations: all(orgs.invitations.find()),
    sessions: all(t.app.ctx.sessions.sessions.find()).map((s) => [s.id, s.active_org_id, s.revoked_at]),
    refresh: all(t.app.ctx.sessions.refreshTokens.find()).map((r) => [r.id, r.used_at, r.revoked_at]),
  });
}

export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
}
