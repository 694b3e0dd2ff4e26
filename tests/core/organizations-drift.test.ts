/**
 * organizations(client) when the server changes a user's membership behind their back: a list
 * read after the token was issued that disagrees with the token's claims brings a fresh token,
 * so the snapshot (and every element that reads the role) follows without a reload.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { organizations } from '../../packages/core/src/index.ts';
import { lastLink } from '../server/helpers/mfa.ts';
import { harness } from './helpers.ts';
import { listen, signedUp, since, until } from './env.ts';

let n = 0;
const slug = () => `drift-${Date.now().toString(36)}-${++n}`;

test('a role changed by someone else: the next list read refreshes the token, the snapshot shows the new role', async () => {
  const h = await harness();
  try {
    const owner = await signedUp(h);
    const member = await signedUp(h);
    const orgs = organizations(owner.client);
    const org = await orgs.create({ name: 'Drift', slug: slug() });
    await orgs.invite({ organizationId: org.id, email: member.email, role: 'member' });
    const mine = organizations(member.client);
    await mine.acceptInvitation(lastLink(h.app, member.email).token);
    await mine.switch(org.id);
    assert.equal(member.client.getSnapshot().session?.orgRole, 'member');

    await orgs.setRole(org.id, member.id, 'admin');
    // The member's token still says member: nothing has told this client yet.
    assert.equal(member.client.getSnapshot().session?.orgRole, 'member');
    const from = h.calls.length;
    await mine.list.refresh();
    await until(() => member.client.getSnapshot().session?.orgRole === 'admin', 'the refreshed claims');
    assert.equal(member.client.getSnapshot().activeOrganization?.role, 'admin');
    assert.deepEqual(since(h, from).filter((c) => c.startsWith('POST')), ['POST /auth/refresh 200']);

    // The same list again, agreeing with the token: no further refresh.
    const after = h.calls.length;
    await mine.list.refresh();
    assert.deepEqual(since(h, after), ['GET /organizations/ 200']);
  } finally {
    h.destroy();
  }
});

test('removed by an admin: the next list read drops the organization claims; other tabs are told to refresh', async () => {
  const h = await harness();
  const spy = listen();
  try {
    const owner = await signedUp(h);
    const member = await signedUp(h, { crossTab: true });
    const orgs = organizations(owner.client);
    const org = await orgs.create({ name: 'Gone', slug: slug() });
    await orgs.invite({ organizationId: org.id, email: member.email, role: 'viewer' });
    const mine = organizations(member.client);
    await mine.acceptInvitation(lastLink(h.app, member.email).token);
    await mine.switch(org.id);
    assert.equal(member.client.getSnapshot().session?.orgId, org.id);

    await orgs.removeMember(org.id, member.id);
    await mine.list.refresh();
    await until(() => member.client.getSnapshot().session?.orgId === null, 'the claims gone');
    assert.equal(member.client.getSnapshot().session?.orgRole, null);
    assert.equal(member.client.getSnapshot().activeOrganization, null);
    const sid = member.client.getSnapshot().session?.id;
    await until(() => spy.messages.some((m) => m.type === 'refresh' && m.sid === sid), 'the refresh message to the other tabs');
  } finally {
    spy.close();
    h.destroy();
  }
});
