import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createSqliteStore } from '../../packages/server/src/sqlite-store.ts';
import { createTestApp } from '../../packages/server/src/testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'janua-sqlite-app-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('the API on the SQLite store', () => {
  it('runs sign-up, profile edit, rotation, reuse detection and sign-out with the same answers', async () => {
    const store = createSqliteStore(join(dir, 'app.db'));
    const t = createTestApp({ store });
    const up = await t.signUp({ email: 'Lite@Example.com', username: 'lite', metadata: { plan: 'free', n: 1 } });
    assert.deepEqual(up.user.metadata, { plan: 'free', n: 1 });
    assert.equal(up.user.email_verified, false);
    assert.equal(up.user.mfa_enabled, false);

    const taken = await t.request('POST', '/api/v1/auth/signup', { body: { email: 'lite@example.COM', password: 'Valid-password-1' } });
    assert.equal(taken.body.error.code, 'EMAIL_TAKEN');
    const nameTaken = await t.request('POST', '/api/v1/auth/signup', { body: { email: 'x@example.com', password: 'Valid-password-1', username: 'LITE' } });
    assert.equal(nameTaken.body.error.code, 'USERNAME_TAKEN');
    assert.equal(t.app.ctx.users.count(), 1);

    const patched = await t.request('PATCH', '/api/v1/users/me', { token: up.tokens!.access_token, body: { metadata: { plan: 'pro' }, first_name: 'Lite' } });
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.body.metadata, { plan: 'pro' });

    const signin = await t.request('POST', '/api/v1/auth/signin', { body: { email: 'LITE@example.com', password: up.password } });
    assert.equal(signin.status, 200);
    assert.equal(signin.body.user.first_name, 'Lite');

    const r1 = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: signin.body.tokens.refresh_token } });
    assert.equal(r1.status, 200);
    const replay = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: signin.body.tokens.refresh_token } });
    assert.equal(replay.status, 401);
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token: r1.body.access_token })).status, 401, 'the family died');
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token: up.tokens!.access_token })).status, 200, 'the sign-up session lives on');

    const out = await t.request('POST', '/api/v1/auth/signout', { token: up.tokens!.access_token });
    assert.equal(out.status, 200);
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token: up.tokens!.access_token })).status, 401);
    store.close();
  });
});
