import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { parseCliArgs } from '../../packages/server/src/cli.ts';
import { createArgon2Hasher, startServer } from '../../packages/server/src/node.ts';
import { createSqliteStore } from '../../packages/server/src/sqlite-store.ts';
import { createTestApp, type TestApp, TEST_HASH_PARAMS } from '../../packages/server/src/testing.ts';
import { until } from './helpers/until.ts';

const dir = mkdtempSync(join(tmpdir(), 'janua-hard-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let ipCounter = 0;
/** Each attempt from its own address, so the per-IP limit stays out of the way of the per-account lockout. */
const signin = (t: TestApp, login: string, password: string) =>
  t.request('POST', '/api/v1/auth/signin', { body: { email: login, password }, ip: `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}` });
const WRONG = 'Wrong-password-42';

describe('progressive sign-in lockout', () => {
  it('locks after five failures in a row with 423 and a doubling Retry-After, refuses even the right password, and a success resets', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    for (let i = 0; i < 5; i++) assert.equal((await signin(t, up.user.email, WRONG)).status, 401);
    const locked = await signin(t, up.user.email, up.password);
    assert.equal(locked.status, 423);
    assert.equal(locked.body.error.code, 'ACCOUNT_LOCKED');
    assert.equal(locked.headers.get('retry-after'), '30');
    assert.equal(t.app.ctx.sessions.sessions.count({ user_id: up.user.id }), 1, 'the right password opened nothing while locked');

    t.clock.advance(31_000);
    assert.equal((await signin(t, up.user.email, WRONG)).status, 401, 'the next failure is answered, and locks for twice as long');
    const second = await signin(t, up.user.email, up.password);
    assert.equal(second.status, 423);
    assert.ok(Number(second.headers.get('retry-after')) > 55 && Number(second.headers.get('retry-after')) <= 60, second.headers.get('retry-after')!);

    t.clock.advance(61_000);
    assert.equal((await signin(t, up.user.email, up.password)).status, 200);
    assert.equal(t.app.ctx.limits!.lockout.table.get(`user:${up.user.id}`), undefined, 'a success clears the count');
    for (let i = 0; i < 5; i++) assert.equal((await signin(t, up.user.email, WRONG)).status, 401, 'five free failures again');
  });

  it('answers an unknown login exactly as a real account, so a 423 reveals nothing', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const ghost = 'nobody.here@example.test';
    for (let i = 0; i < 5; i++) {
      await signin(t, up.user.email, WRONG);
      await signin(t, ghost, WRONG);
    }
    const [real, fake] = [await signin(t, up.user.email, WRONG), await signin(t, ghost, WRONG)];
    assert.equal(real.status, 423);
    assert.equal(fake.status, 423);
    assert.deepEqual({ ...real.body.error, request_id: 0, timestamp: 0 }, { ...fake.body.error, request_id: 0, timestamp: 0 });
    assert.equal(real.headers.get('retry-after'), fake.headers.get('retry-after'));
  });

  it('never allows more than 100 failures in a row; then only a password reset unlocks', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    let failures = 0;
    for (let guard = 0; guard < 400; guard++) {
      const res = await signin(t, up.user.email, WRONG);
      if (res.status === 401) failures++;
      else if (res.status === 423 || res.status === 429) {
        const wait = res.headers.get('retry-after');
        if (wait === null) break;
        t.clock.advance(Number(wait) * 1000 + 1000);
      } else assert.fail(`unexpected ${res.status}`);
    }
    assert.equal(failures, 100);
    t.clock.advance(30 * 24 * 3600_000);
    const hard = await signin(t, up.user.email, up.password);
    assert.equal(hard.status, 423);
    assert.equal(hard.headers.get('retry-after'), null);
    assert.equal(hard.body.error.details.unlock, 'password_reset');

    assert.equal((await t.request('POST', '/api/v1/auth/password/forgot', { body: { email: up.user.email } })).status, 200);
    const link = await until(() => t.outbox.list(up.user.email).find((m) => /reset/i.test(m.link ?? ''))?.link, 'the reset mail');
    const reset = await t.request('POST', '/api/v1/auth/password/reset', { body: { token: new URL(link).searchParams.get('token'), new_password: 'Brand-new-secret-77' } });
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    assert.equal((await signin(t, up.user.email, 'Brand-new-secret-77')).status, 200);
  });

  it('keeps the count in the database, so a restart does not hand out a fresh allowance', async () => {
    const path = join(dir, 'lockout.db');
    const hasher = createArgon2Hasher(TEST_HASH_PARAMS);
    const first = createTestApp({ store: createSqliteStore(path), hasher });
    const up = await first.signUp();
    for (let i = 0; i < 5; i++) await signin(first, up.user.email, WRONG);
    first.store.close();
    const second = createTestApp({ store: createSqliteStore(path), hasher });
    try {
      assert.equal((await signin(second, up.user.email, up.password)).status, 423);
    } finally {
      second.store.close();
    }
  });

  it('is off, with the other limits, under rateLimit: false; named limiters are shared by name', async () => {
    const off = createTestApp({ rateLimit: false });
    const up = await off.signUp();
    for (let i = 0; i < 7; i++) assert.equal((await signin(off, up.user.email, WRONG)).status, 401);
    const on = createTestApp();
    const a = on.app.ctx.limits!.named('mfa-verify', { limit: 1, windowMs: 1000 });
    assert.equal(on.app.ctx.limits!.named('mfa-verify', { limit: 9, windowMs: 9 }), a);
    a.record('k');
    assert.equal(a.retryAfter('k'), 1);
  });
});

describe('rate limits on sign-up, reset and MFA verify', () => {
  it('each answers 429 with Retry-After once its per-address window is full, and other addresses go on', async () => {
    const t = createTestApp();
    const cases: [string, unknown][] = [
      ['/api/v1/auth/password/reset', { token: 'x'.repeat(43), new_password: 'Brand-new-secret-77' }],
      ['/api/v1/auth/password/forgot', { email: 'someone@example.test' }],
      ['/api/v1/mfa/challenge/verify', { mfa_token: 'x'.repeat(43), code: '123456' }],
      ['/api/v1/auth/signup', { email: 'not-an-email', password: 'Valid-password-1' }],
    ];
    for (const [path, body] of cases) {
      let limited: { status: number; headers: Headers; body: any } | undefined;
      for (let i = 0; i < 60 && !limited; i++) {
        const res = await t.request('POST', path, { body, ip: '198.51.100.7' });
        if (res.status === 429) limited = res;
      }
      assert.ok(limited, `${path} is rate-limited`);
      assert.equal(limited.body.error.code, 'RATE_LIMITED');
      assert.ok(Number(limited.headers.get('retry-after')) > 0, `${path} sends Retry-After`);
      assert.notEqual((await t.request('POST', path, { body, ip: '198.51.100.8' })).status, 429, `${path}: another address is not limited`);
    }
  });
});

describe('CSRF guard on cookie-authenticated calls', () => {
  const ALLOWED = 'http://localhost:5173';
  const cookieCall = (t: TestApp, path: string, token: string, headers: Record<string, string>, body: unknown = {}) =>
    t.request('POST', path, { body, headers: { cookie: `janua_refresh_token=${token}`, ...headers } });

  it('sign-out by cookie needs X-Janua-Client and an allowed Origin; without them the session lives on', async () => {
    const t = createTestApp({ cors: [ALLOWED] });
    const up = await t.signUp();
    const sid = String(decodeJwt(up.tokens!.access_token)['sid']);
    assert.equal((await cookieCall(t, '/api/v1/auth/signout', up.tokens!.refresh_token, { origin: ALLOWED })).status, 401);
    assert.equal((await cookieCall(t, '/api/v1/auth/signout', up.tokens!.refresh_token, { 'x-janua-client': '1', origin: 'https://evil.example' })).status, 403);
    assert.equal(t.app.ctx.sessions.live(sid)?.id, sid);
    assert.equal((await cookieCall(t, '/api/v1/auth/signout', up.tokens!.refresh_token, { 'x-janua-client': '1', origin: ALLOWED })).status, 200);
    assert.equal(t.app.ctx.sessions.live(sid), undefined);
  });

  it('any state-changing call that carries the cookie from a foreign Origin is refused before it runs', async () => {
    const t = createTestApp({ cors: [ALLOWED] });
    const up = await t.signUp();
    const res = await cookieCall(t, '/api/v1/auth/signin', up.tokens!.refresh_token, { origin: 'https://evil.example' }, { email: up.user.email, password: up.password });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'FORBIDDEN');
    assert.equal(t.app.ctx.sessions.sessions.count({ user_id: up.user.id }), 1, 'no session was opened');
    const same = await cookieCall(t, '/api/v1/auth/signin', up.tokens!.refresh_token, { origin: ALLOWED }, { email: up.user.email, password: up.password });
    assert.equal(same.status, 200, 'an allowed page is not affected');
  });
});

describe('no state change on GET', () => {
  it('every GET route, called with real ids and a signed-in user, leaves every row as it was', async () => {
    const t = createTestApp();
    const owner = await t.signUp();
    const other = await t.signUp();
    const token = owner.tokens!.access_token;
    const org = await t.request('POST', '/api/v1/organizations/', { token, body: { name: 'Get Org', slug: 'get-org' } });
    await t.request('POST', '/api/v1/invitations/', { token, body: { organization_id: org.body.id, email: other.user.email, role: 'member' } });
    const inviteToken = new URL(t.outbox.list(other.user.email).find((m) => m.link?.includes('invitation'))!.link!).searchParams.get('token')!;
    await t.request('POST', '/api/v1/mfa/enable', { token, body: { password: owner.password } });
    t.clock.advance(2 * 60_000);
    const rows = () =>
      JSON.stringify(t.store.registeredTables().map((table) => [table.spec.name, table.find({}, { orderBy: [{ field: 'id' }] }).map((row) => {
        // Session activity is bookkeeping every authenticated call may stamp, at most once a minute.
        const { last_activity_at: _, ...rest } = row as unknown as Record<string, unknown>;
        return table.spec.name === 'sessions' ? rest : row;
      })]));
    const before = rows();
    const ids: Record<string, string> = { id: org.body.id, token: inviteToken, provider: 'google', user_id: owner.user.id };
    const gets = t.app.hono.routes.filter((r) => r.method === 'GET').map((r) => r.path.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? 'x'));
    assert.ok(gets.length >= 15);
    for (const path of new Set(gets)) {
      const query = path.includes('invitations') ? `?organization_id=${org.body.id}` : path.includes('discover') ? `?email=${owner.user.email}` : '?code=x&state=y';
      const res = await t.request('GET', path + query, { token });
      assert.ok(res.status < 500, `${path}: ${res.status}`);
    }
    assert.equal(rows(), before);
  });
});

describe('database busy', () => {
  it('a refresh under another connection’s write lock answers 503 + Retry-After, spends nothing, and reads still work', async () => {
    const path = join(dir, 'busy-refresh.db');
    const store = createSqliteStore(path, { busyTimeoutMs: 50 });
    const t = createTestApp({ store });
    try {
      const up = await t.signUp();
      const other = new Database(path);
      other.exec('BEGIN IMMEDIATE');
      try {
        const res = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: up.tokens!.refresh_token } });
        assert.equal(res.status, 503);
        assert.equal(res.headers.get('retry-after'), '1');
        assert.equal(res.body.error.code, 'SERVICE_UNAVAILABLE');
        assert.equal((await t.request('GET', '/api/v1/auth/me', { token: up.tokens!.access_token })).status, 200, 'WAL: readers are not blocked');
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
      assert.equal(t.app.ctx.sessions.refreshTokens.count({ used_at: null }), 1, 'the token was not spent');
      assert.equal((await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: up.tokens!.refresh_token } })).status, 200);
    } finally {
      store.close();
    }
  });
});

describe('refresh token hygiene', () => {
  it('spent refresh tokens past their expiry are swept, live ones and reuse detection stay', async () => {
    const t = createTestApp({ refreshTokenTtl: 3600 });
    const up = await t.signUp();
    const first = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: up.tokens!.refresh_token } });
    assert.equal(t.app.ctx.sessions.refreshTokens.count(), 2);
    t.clock.advance(2 * 3600_000);
    const again = await t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: up.password } });
    const next = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: again.body.tokens.refresh_token } });
    assert.equal(next.status, 200);
    assert.equal(t.app.ctx.sessions.refreshTokens.count(), 2, 'the two expired rows of the first session are gone');
    assert.equal((await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: first.body.refresh_token } })).status, 401);
    const replay = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: again.body.tokens.refresh_token } });
    assert.equal(replay.status, 401);
    assert.equal((await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: next.body.refresh_token } })).status, 401, 'reuse still revokes the family');
  });
});

describe('access tokens and keys', () => {
  it('refuses a token without exp or sid, and one signed with another curve', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const { kid, key } = await t.app.ctx.keys.active();
    const claims = decodeJwt(up.tokens!.access_token);
    const { exp: _exp, ...noExp } = claims;
    const { sid: _sid, ...noSid } = claims;
    const me = (token: string) => t.request('GET', '/api/v1/auth/me', { token });
    assert.equal((await me(await new SignJWT(noExp).setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' }).sign(key))).status, 401);
    assert.equal((await me(await new SignJWT(noSid).setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' }).sign(key))).status, 401);
    const p384 = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, false, ['sign']);
    assert.equal((await me(await new SignJWT(claims).setProtectedHeader({ alg: 'ES384', kid, typ: 'at+jwt' }).sign(p384.privateKey))).status, 401);
  });

  it('rotates by age: old tokens verify until they expire, JWKS keeps the old key exactly that long', async () => {
    const t = createTestApp({ accessTokenTtl: 600, keyRotationAge: 3600 });
    const up = await t.signUp();
    const kidOf = (token: string) => decodeProtectedHeader(token).kid!;
    const first = kidOf(up.tokens!.access_token);
    t.clock.advance(55 * 60_000);
    const late = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: up.tokens!.refresh_token } });
    assert.equal(kidOf(late.body.access_token), first, 'still the first key at 55 minutes');
    t.clock.advance(6 * 60_000);
    const next = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: late.body.refresh_token } });
    const second = kidOf(next.body.access_token);
    assert.notEqual(second, first, 'a new key signs past the rotation age');
    const jwks = async () => (await t.request('GET', '/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid).sort();
    assert.deepEqual(await jwks(), [first, second].sort());
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token: late.body.access_token })).status, 200, 'a token of the retired key still verifies');
    t.clock.advance(10 * 60_000 + 61_000);
    assert.deepEqual(await jwks(), [second], 'dropped once its last token has expired');
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token: next.body.access_token })).status, 401, 'expired by now too');
  });

  it('startServer rotateKeys (the CLI --rotate-keys) signs with a new key and still publishes the old one', async () => {
    const db = join(dir, 'rotate.db');
    const options = { port: 0, db, hasher: createArgon2Hasher(TEST_HASH_PARAMS), log: () => undefined };
    const a = await startServer(options);
    const oldKid = (await (await fetch(`${a.url}/.well-known/jwks.json`)).json()).keys[0].kid;
    await a.close();
    const b = await startServer({ ...options, rotateKeys: true });
    try {
      const kids = (await (await fetch(`${b.url}/.well-known/jwks.json`)).json()).keys.map((k: { kid: string }) => k.kid);
      assert.equal(kids.length, 2);
      assert.ok(kids.includes(oldKid));
      assert.notEqual((await b.app.ctx.keys.active()).kid, oldKid);
    } finally {
      await b.close();
    }
  });

  it('the CLI refuses --no-rate-limit without --dev and a bad --key-rotation-days', () => {
    assert.throws(() => parseCliArgs(['--no-rate-limit']), /needs --dev/);
    assert.equal((parseCliArgs(['--no-rate-limit', '--dev']) as { rateLimit: unknown }).rateLimit, false);
    assert.throws(() => parseCliArgs(['--key-rotation-days', 'soon']), /positive number of days/);
    assert.equal((parseCliArgs(['--key-rotation-days', '30']) as { keyRotationAge: number }).keyRotationAge, 30 * 86_400);
  });
});
