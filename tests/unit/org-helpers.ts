import { JanuaClient, organizations, type Organization, type OrgRole } from '@janua/core';
import { createBrowserApp } from '../../packages/server/src/browser.ts';
import { API, PASSWORD, TEST_KDF_ITERATIONS, uniqueEmail } from './helpers.ts';

/*
 * The organization elements' tests: the real reference server in this tab (as helpers.ts
 * starts it) with a clock the test can move, several users on it, and its dev outbox.
 */

export interface Person {
  client: JanuaClient;
  email: string;
  id: string;
}

export async function orgServer() {
  let skew = 0;
  const app = createBrowserApp({ issuer: API, now: () => Date.now() + skew, rateLimit: false, pbkdf2Iterations: TEST_KDF_ITERATIONS });
  await app.ready;
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => app.fetch(new Request(input, init));
  const makeClient = async () => {
    const client = new JanuaClient({ api: API, fetch, refreshTransport: 'body', crossTab: false });
    await client.ready;
    return client;
  };
  return {
    app,
    fetch,
    makeClient,
    /** Moves the server's clock forward. */
    travel(ms: number): void {
      skew += ms;
    },
    /** A new account, signed in on its own client. */
    async person(firstName = 'Ada', lastName = 'Lovelace'): Promise<Person> {
      const client = await makeClient();
      const email = uniqueEmail();
      const result = await client.signUp({ email, password: PASSWORD, firstName, lastName });
      if (result.status !== 'complete') throw new Error('sign-up did not complete');
      return { client, email, id: result.user.id };
    },
    /** The token of the last invitation mailed to `to`. */
    async invitationToken(to: string): Promise<string> {
      const mails = (await (await fetch(`${API}/api/v1/dev/outbox?to=${encodeURIComponent(to)}`)).json()) as { link?: string }[];
      const link = mails.filter((m) => m.link?.includes('accept-invitation')).at(-1)?.link;
      if (!link) throw new Error(`no invitation mailed to ${to}`);
      return new URL(link).searchParams.get('token')!;
    },
  };
}

/**
 * `person` signed in afresh on a client of its own whose organization list answers 503 until
 * `heal()`, switched into `orgId`: the session names an organization the list never brought.
 */
export async function inOrgWithoutList(server: Awaited<ReturnType<typeof orgServer>>, person: Person, orgId: string) {
  let broken = true;
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (broken && request.method === 'GET' && new URL(request.url).pathname === '/api/v1/organizations/') {
      return Promise.resolve(new Response(JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: 'Unavailable', details: {} } }),
        { status: 503, headers: { 'content-type': 'application/json' } }));
    }
    return server.app.fetch(request);
  };
  const client = new JanuaClient({ api: API, fetch, refreshTransport: 'body', crossTab: false });
  await client.ready;
  await client.signIn({ email: person.email, password: PASSWORD });
  await organizations(client).switch(orgId);
  if (client.getSnapshot().session?.orgId !== orgId || organizations(client).list.getSnapshot().status !== 'error') {
    throw new Error('the session should be in the organization, its list failed');
  }
  return { client, heal: () => void (broken = false) };
}

let n = 0;
export const slug = (): string => `org-${Date.now().toString(36)}-${++n}`;

/** An organization owned by `owner`, with `members` joined in the given roles; active for the owner when `activate`. */
export async function orgWith(
  server: Awaited<ReturnType<typeof orgServer>>,
  owner: Person,
  members: [Person, OrgRole][] = [],
  name = 'Acme',
): Promise<Organization> {
  const orgs = organizations(owner.client);
  const org = await orgs.create({ name, slug: slug() });
  for (const [person, role] of members) {
    await orgs.invite({ organizationId: org.id, email: person.email, role });
    await organizations(person.client).acceptInvitation(await server.invitationToken(person.email));
  }
  return org;
}

/** Dispatches a keydown the way a keyboard would, on whatever has focus under `root`. */
export function press(target: Element, key: string, init: KeyboardEventInit = {}): boolean {
  return target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init }));
}

/** The focused element, through shadow roots. */
export function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
