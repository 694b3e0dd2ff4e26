import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignJWT, base64url, generateKeyPair, decodeJwt } from 'jose';
import { createSqliteStore } from '../../packages/server/src/sqlite-store.ts';
import { createTestApp } from '../../packages/server/src/testing.ts';

const refresh = (t: ReturnType<typeof createTestApp>, token: string) =>
  t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: token } });
const me = (t: ReturnType<typeof createTestApp>, token: string) => t.request('GET', '/api/v1/auth/me', { token });

describe('refresh rotation', () => {
  it('exchanges a refresh token for a new pair; the new access token works', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const res = await refresh(t, up.tokens!.refresh_token);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ['access_token', 'expires_in', 'refresh_token', 'token_type']);
    assert.notEqual(res.body.refresh_token, up.tokens!.refresh_token);
    assert.match(res.headers.get('set-cookie')!, new RegExp(`janua_refresh_token=${res.body.refresh_token}`));
    assert.equal(decodeJwt(res.body.access_token)['sid'], decodeJwt(up.tokens!.access_token)['sid'], 'same session');
    assert.equal((await me(t, res.body.access_token)).status, 200);
  });

  it('stores only a SHA-256 of each refresh token', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const rows = t.app.ctx.sessions.refreshTokens.find();
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]!.token_hash, up.tokens!.refresh_token);
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(up.tokens!.refresh_token))).toString('base64url');
    assert.equal(rows[0]!.token_hash, digest);
  });

  it('reuse of a rotated token revokes the whole family: the newer refresh token and the access tokens die too', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const first = await refresh(t, up.tokens!.refresh_token);
    const second = await refresh(t, first.body.refresh_token);
    assert.equal(second.status, 200);
    assert.equal((await me(t, second.body.access_token)).status, 200);

    const replay = await refresh(t, up.tokens!.refresh_token);
    assert.equal(replay.status, 401);
    assert.equal(replay.body.error.code, 'INVALID_TOKEN');
    assert.match(replay.headers.get('set-cookie')!, /Max-Age=0/);

    assert.equal((await refresh(t, second.body.refresh_token)).status, 401, 'the newest token is revoked too');
    assert.equal((await me(t, second.body.access_token)).status, 401, 'the session is revoked');
    const session = t.app.ctx.sessions.sessions.get(String(decodeJwt(up.tokens!.access_token)['sid']))!;
    assert.notEqual(session.revoked_at, null);
  });

  it('refuses an expired refresh token', async () => {
    const t = createTestApp({ refreshTokenTtl: 60 });
    const up = await t.signUp();
    t.clock.advance(61_000);
    const res = await refresh(t, up.tokens!.refresh_token);
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'INVALID_TOKEN');
  });

  it('refuses an unknown refresh token and a missing one', async () => {
    const t = createTestApp();
    await t.signUp();
    assert.equal((await refresh(t, 'A'.repeat(43))).status, 401);
    const none = await t.request('POST', '/api/v1/auth/refresh');
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'INVALID_TOKEN');
  });
});

describe('access token checks', () => {
  it('refuses an expired access token (clock moved past exp)', async () => {
    const t = createTestApp({ accessTokenTtl: 60 });
    const up = await t.signUp();
    assert.equal((await me(t, up.tokens!.access_token)).status, 200);
    t.clock.advance(61_000);
    const res = await me(t, up.tokens!.access_token);
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'UNAUTHORIZED');
  });

  it('refuses a token whose payload was edited', async () => {
    const t = createTestApp();
    const a = await t.signUp();
    const b = await t.signUp();
    const [h, , s] = a.tokens!.access_token.split('.');
    const payload = { ...decodeJwt(a.tokens!.access_token), sub: b.user.id };
    const forged = `${h}.${base64url.encode(JSON.stringify(payload))}.${s}`;
    assert.equal((await me(t, forged)).status, 401);
  });

  it('refuses alg "none" and an HMAC token keyed with the public key', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const claims = decodeJwt(up.tokens!.access_token);
    const none = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt' }))}.${base64url.encode(JSON.stringify(claims))}.`;
    assert.equal((await me(t, none)).status, 401);
    const jwks = (await t.request('GET', '/.well-known/jwks.json')).body;
    const hs = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: jwks.keys[0].kid, typ: 'at+jwt' })
      .sign(new TextEncoder().encode(JSON.stringify(jwks.keys[0])));
    assert.equal((await me(t, hs)).status, 401);
  });

  it('refuses a token signed by a key it does not publish, even with a known kid', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const { privateKey } = await generateKeyPair('ES256');
    const kid = (await t.request('GET', '/.well-known/jwks.json')).body.keys[0].kid;
    const forged = await new SignJWT(decodeJwt(up.tokens!.access_token))
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
      .sign(privateKey);
    assert.equal((await me(t, forged)).status, 401);
  });

  it('refuses the wrong audience, the wrong issuer, the wrong typ and a non-access type', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const { kid, key } = await t.app.ctx.keys.active();
    const base = decodeJwt(up.tokens!.access_token);
    const sign = (claims: Record<string, unknown>, typ = 'at+jwt') =>
      new SignJWT({ ...base, ...claims }).setProtectedHeader({ alg: 'ES256', kid, typ }).sign(key);
    assert.equal((await me(t, await sign({}))).status, 200, 'control: a correctly made token passes');
    assert.equal((await me(t, await sign({ aud: 'https://other.example' }))).status, 401);
    assert.equal((await me(t, await sign({ iss: 'https://evil.example' }))).status, 401);
    assert.equal((await me(t, await sign({}, 'JWT'))).status, 401);
    assert.equal((await me(t, await sign({ type: 'refresh' }))).status, 401);
  });

  it('keeps verifying tokens of a rotated-out key while it is published, and publishes both', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    await t.app.ctx.keys.rotate();
    const jwks = await t.request('GET', '/.well-known/jwks.json');
    assert.equal(jwks.body.keys.length, 2);
    assert.equal((await me(t, up.tokens!.access_token)).status, 200);
    const fresh = await refresh(t, up.tokens!.refresh_token);
    assert.notEqual(decodeJwt(fresh.body.access_token).jti, undefined);
    t.clock.advance(16 * 60_000);
    const later = await t.request('GET', '/.well-known/jwks.json');
    assert.equal(later.body.keys.length, 1, 'the retired key is dropped once its tokens have expired');
  });
});

describe('refresh rotation: session bookkeeping', () => {
  const sidOf = (token: string) => String(decodeJwt(token)['sid']);

  it('writes the session\'s sliding expiry and activity at most once a minute, and never lets the session lapse early by more', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const sid = sidOf(up.tokens!.access_token);
    const opened = t.app.ctx.sessions.sessions.get(sid)!;
    t.clock.advance(30_000);
    const first = await refresh(t, up.tokens!.refresh_token);
    assert.equal(first.status, 200);
    assert.deepEqual(t.app.ctx.sessions.sessions.get(sid), opened, 'half a minute later: the session row is not rewritten');
    t.clock.advance(31_000);
    const before = t.clock.now();
    const second = await refresh(t, first.body.refresh_token);
    const after = t.clock.now();
    assert.equal(second.status, 200);
    const slid = t.app.ctx.sessions.sessions.get(sid)!;
    assert.ok(slid.last_activity_at >= before && slid.last_activity_at <= after);
    assert.equal(slid.expires_at, slid.last_activity_at + 30 * 24 * 3600_000, 'a minute on: expiry slides to a full lifetime from now');
    // Every rotation still spends its token and adds exactly one, however the session row fared.
    const rows = t.app.ctx.sessions.refreshTokens.find({ session_id: sid });
    assert.equal(rows.length, 3);
    assert.equal(rows.filter((r) => r.used_at === null).length, 1);
  });

  it('keeps sliding a short-lived session: the slack is 1 % of a lifetime shorter than 100 minutes', async () => {
    const t = createTestApp({ refreshTokenTtl: 60 });
    const up = await t.signUp();
    t.clock.advance(30_000);
    const before = t.clock.now();
    const first = await refresh(t, up.tokens!.refresh_token);
    assert.equal(first.status, 200);
    const session = t.app.ctx.sessions.sessions.get(sidOf(up.tokens!.access_token))!;
    assert.ok(session.expires_at >= before + 60_000 && session.expires_at <= t.clock.now() + 60_000, 'slid to 60 s from the refresh');
    t.clock.advance(40_000);
    const second = await refresh(t, first.body.refresh_token);
    assert.equal(second.status, 200, 'past the first minute, alive because the refresh at 30 s slid it');
    t.clock.advance(61_000);
    assert.equal((await refresh(t, second.body.refresh_token)).status, 401, 'a full idle lifetime later it has expired');
  });

  it('carries the active organization\'s claims through a refresh, and none without one', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const token = up.tokens!.access_token;
    const plain = await refresh(t, up.tokens!.refresh_token);
    assert.equal(decodeJwt(plain.body.access_token)['org_id'], undefined);
    const org = await t.request('POST', '/api/v1/organizations/', { token, body: { name: 'Claims Org', slug: 'claims-org' } });
    const switched = await t.request('POST', `/api/v1/organizations/${org.body.id}/switch`, { token: plain.body.access_token });
    assert.equal(switched.status, 200);
    const next = await refresh(t, switched.body.refresh_token);
    assert.equal(next.status, 200);
    assert.equal(decodeJwt(next.body.access_token)['org_id'], org.body.id);
    assert.equal(decodeJwt(next.body.access_token)['org_role'], 'owner');
  });
});

describe('refresh rotation: refreshes arriving together (group commit)', () => {
  for (const [name, makeStore] of [['memory', () => undefined], ['sqlite', () => createSqliteStore(':memory:')]] as const) {
    it(`${name}: concurrent refreshes of many sessions all rotate, each exactly once`, async () => {
      const t = createTestApp(makeStore() ? { store: makeStore()! } : {});
      const ups = await Promise.all(Array.from({ length: 6 }, () => t.signUp()));
      const answers = await Promise.all(ups.map((up) => refresh(t, up.tokens!.refresh_token)));
      assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200, 200, 200]);
      assert.equal(new Set(answers.map((a) => a.body.refresh_token)).size, 6);
      for (const [i, a] of answers.entries()) {
        assert.equal(decodeJwt(a.body.access_token)['sub'], ups[i]!.user.id, 'each answer belongs to its own caller');
        assert.equal((await me(t, a.body.access_token)).status, 200);
      }
      const again = await Promise.all(answers.map((a) => refresh(t, a.body.refresh_token)));
      assert.deepEqual(again.map((a) => a.status), [200, 200, 200, 200, 200, 200]);
    });

    it(`${name}: a replay racing the legitimate refresh in the same turn revokes the family`, async () => {
      const t = createTestApp(makeStore() ? { store: makeStore()! } : {});
      const up = await t.signUp();
      const bystander = await t.signUp();
      const [first, replay, other] = await Promise.all([
        refresh(t, up.tokens!.refresh_token),
        refresh(t, up.tokens!.refresh_token),
        refresh(t, bystander.tokens!.refresh_token),
      ]);
      assert.deepEqual([first.status, replay.status, other.status], [200, 401, 200]);
      assert.equal(replay.body.error.code, 'INVALID_TOKEN');
      assert.equal((await refresh(t, first.body.refresh_token)).status, 401, 'the token the winner got is revoked with its session');
      assert.equal((await me(t, first.body.access_token)).status, 401);
      assert.equal((await refresh(t, other.body.refresh_token)).status, 200, 'another session in the batch is untouched');
    });

    it(`${name}: a database failure in the batch rolls it all back and every token stays usable`, async () => {
      const t = createTestApp(makeStore() ? { store: makeStore()! } : { log: () => undefined });
      const ups = await Promise.all(Array.from({ length: 3 }, () => t.signUp()));
      const tokens = t.app.ctx.sessions.refreshTokens;
      const insert = tokens.insert.bind(tokens);
      let calls = 0;
      // The second rotation's insert fails as a full disk would, after the first has written.
      tokens.insert = (row) => {
        if (++calls === 2) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        return insert(row);
      };
      const failed = await Promise.all(ups.map((up) => refresh(t, up.tokens!.refresh_token)));
      tokens.insert = insert;
      assert.deepEqual(failed.map((a) => a.status), [500, 500, 500]);
      for (const a of failed) assert.equal(a.body.error.code, 'INTERNAL_ERROR');
      assert.equal(tokens.count({ used_at: { ne: null } }), 0, 'no token was spent');
      const retried = await Promise.all(ups.map((up) => refresh(t, up.tokens!.refresh_token)));
      assert.deepEqual(retried.map((a) => a.status), [200, 200, 200], 'a retry with the same tokens works');
    });
  }
});

describe('refresh rotation: token rows', () => {
  it('get UUID v7 ids in time order, so each insert appends to the primary-key index', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    let token = up.tokens!.refresh_token;
    for (let i = 0; i < 4; i++) {
      t.clock.advance(1000);
      token = (await refresh(t, token)).body.refresh_token;
    }
    const rows = t.app.ctx.sessions.refreshTokens.find({}, { orderBy: [{ field: 'created_at' }] });
    assert.equal(rows.length, 5);
    for (const row of rows) assert.match(row.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(rows.map((r) => r.id), rows.map((r) => r.id).sort(), 'id order is creation order');
    assert.equal(new Set(rows.map((r) => r.id)).size, 5);
  });
});
