import { JanuaClient, organizations, type Organization, type OrgRole } from '@janua/core';
import { createBrowserApp } from '@janua/server/browser';
import { hold } from './janua.ts';

/*
 * The organization stories' world: a fresh in-page reference server with people and
 * organizations arranged for the story (the story's user in a given role, many organizations,
 * pending invitations), then, once arranged, the latency or outage the story shows.
 */

/**
 * An origin of its own: the organization stories hold requests (a restore, a list) until the next
 * organization story, and a client's refresh lock is named after its API. On the same origin as
 * the other stories, a held restore here kept the lock from the next story's restore.
 */
export const ORG_STORY_API = 'http://orgs.janua.storybook';

export interface OrgWorld {
  /** The story's user ("Sam Story"), signed in unless `signedOut`. */
  client: JanuaClient;
  email: string;
  /** "Acme", the organization the user is in (active) when `role` is set. */
  org: Organization | null;
  /** An invitation token for `invite` (when asked for). */
  token: string;
}

export interface OrgWorldOptions {
  /** Sam's role in Acme, which is active; none: Sam is in no organization. */
  role?: OrgRole;
  /** More organizations Sam owns, besides Acme. */
  more?: number;
  /** Pending invitations to Acme. */
  pending?: number;
  /** An invitation to Acme for this address ('sam' is Sam's own), in `token`. */
  invite?: { email: 'sam' | string; role: OrgRole; state?: 'pending' | 'revoked' | 'accepted' | 'expired' };
  signedOut?: boolean;
  /**
   * Hand the story a client of its own, made once the world is arranged: `signed-in` (Sam signs
   * in afresh, so nothing is loaded yet), `in-org` (the same, then switched into Acme, so the
   * session names an organization whose list an `outage` may keep from loading) or `restoring`
   * (its first session restore is under way).
   */
  fresh?: 'signed-in' | 'restoring' | 'in-org';
  /** Hold answers to matching API paths (the loading state), once the world is arranged. */
  hold?: RegExp;
  /** Answer matching API paths with 503, once the world is arranged. */
  outage?: RegExp;
}

const PASSWORD = 'Story-password-2026';
let previous: { clients: JanuaClient[]; held: AbortController } | undefined;
let n = 0;

export async function orgWorld(o: OrgWorldOptions = {}): Promise<OrgWorld> {
  previous?.held.abort();
  for (const c of previous?.clients ?? []) c.destroy();
  let skew = 0;
  const app = createBrowserApp({ issuer: ORG_STORY_API, now: () => Date.now() + skew });
  await app.ready;
  const held = new AbortController();
  let arranged = false;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (arranged && o.outage?.test(path)) {
      return new Response(JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: 'Unavailable', details: {} } }),
        { status: 503, headers: { 'content-type': 'application/json' } });
    }
    if (arranged && o.hold?.test(path)) await hold(undefined, held.signal, request.url);
    return app.fetch(request);
  };
  const clients: JanuaClient[] = [];
  previous = { clients, held };
  const newClient = (refreshTransport: 'body' | 'cookie' = 'body') => {
    const client = new JanuaClient({ api: ORG_STORY_API, fetch, refreshTransport, crossTab: false });
    clients.push(client);
    return client;
  };
  const person = async (firstName: string, lastName: string, email = `${firstName.toLowerCase()}.${++n}@example.com`) => {
    const client = newClient();
    await client.ready;
    await client.signUp({ email, password: PASSWORD, firstName, lastName });
    return { client, email, orgs: organizations(client) };
  };
  const tokenFor = (email: string) => {
    const link = app.ctx.outbox.list(email).filter((m) => m.link).at(-1)!.link!;
    return new URL(link).searchParams.get('token')!;
  };

  const sam = await person('Sam', 'Story');
  let org: Organization | null = null;
  let token = '';
  if (o.role || o.pending || o.invite) {
    const owner = o.role === 'owner' ? sam : await person('Olga', 'Owner');
    org = await owner.orgs.create({ name: 'Acme', slug: `acme-${n}` });
    const join = async (p: { email: string; orgs: ReturnType<typeof organizations> }, role: OrgRole) => {
      await owner.orgs.invite({ organizationId: org!.id, email: p.email, role });
      await p.orgs.acceptInvitation(tokenFor(p.email));
    };
    if (o.role && o.role !== 'owner') await join(sam, o.role);
    for (const [first, last, role] of [['Ada', 'Lovelace', 'admin'], ['Grace', 'Hopper', 'member'], ['Alan', 'Turing', 'viewer']] as const) {
      await join(await person(first, last), role);
    }
    for (let i = 0; i < (o.pending ?? 0); i++) {
      await owner.orgs.invite({ organizationId: org.id, email: `invitee${i + 1}@example.com`, role: i % 2 ? 'viewer' : 'member' });
    }
    if (o.invite) {
      const email = o.invite.email === 'sam' ? sam.email : o.invite.email;
      const invitation = await owner.orgs.invite({ organizationId: org.id, email, role: o.invite.role, expiresIn: 300 });
      token = tokenFor(email);
      if (o.invite.state === 'revoked') await owner.orgs.revokeInvitation(invitation.id);
      if (o.invite.state === 'accepted') await sam.orgs.acceptInvitation(token);
      if (o.invite.state === 'expired') skew += 10 * 60_000;
    }
  }
  for (let i = 0; i < (o.more ?? 0); i++) {
    await sam.orgs.create({ name: `${['Northwind', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark'][i % 6]} ${Math.floor(i / 6) + 1}`, slug: `more-${n}-${i}` });
  }
  if (o.role) await sam.orgs.switch(org!.id);
  await sam.orgs.list.load().catch(() => undefined);
  if (o.signedOut) await sam.client.signOut();
  arranged = true;
  if (o.fresh === 'restoring') return { client: newClient('cookie'), email: sam.email, org, token };
  if (o.fresh === 'signed-in' || o.fresh === 'in-org') {
    const client = newClient();
    await client.signIn({ email: sam.email, password: PASSWORD });
    if (o.fresh === 'in-org') await organizations(client).switch(org!.id);
    return { client, email: sam.email, org, token };
  }
  return { client: sam.client, email: sam.email, org, token };
}

/** Storybook loader: `loaders: [withOrgs({...})]`, then `loaded.world` in render. */
export function withOrgs(o: OrgWorldOptions = {}) {
  return async () => ({ world: await orgWorld(o) });
}
