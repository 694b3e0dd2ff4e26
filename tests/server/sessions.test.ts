import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeDevice } from '../../packages/server/src/sessions/devices.ts';
import { createTestApp, type TestApp } from '../../packages/server/src/testing.ts';

const UA = {
  chrome: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  iphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  firefox: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0',
};
const SESSION_FIELDS = ['browser', 'created_at', 'device_model', 'device_name', 'device_type', 'expires_at', 'id', 'ip_address', 'is_current', 'last_activity_at', 'os', 'user_agent'];
const PASSWORD = 'Correct-horse-battery-9';

interface Signed {
  access: string;
  refresh: string;
  sid: string;
}

async function signIn(t: TestApp, email: string, userAgent: string, ip = '127.0.0.1'): Promise<Signed> {
  const res = await t.request('POST', '/api/v1/auth/signin', { body: { email, password: PASSWORD }, headers: { 'user-agent': userAgent }, ip });
  assert.equal(res.status, 200);
  const sid = JSON.parse(Buffer.from(res.body.tokens.access_token.split('.')[1], 'base64url').toString())['sid'];
  return { access: res.body.tokens.access_token, refresh: res.body.tokens.refresh_token, sid };
}

/** One user signed in on three devices. */
async function threeDevices() {
  const t = createTestApp();
  const email = `ses.${Date.now()}.${Math.random().toString(36).slice(2)}@example.test`;
  await t.signUp({ email });
  // Each sign-in a step later, so their order by last activity never rests on a fast machine.
  t.clock.advance(120_000);
  const laptop = await signIn(t, email, UA.chrome, '203.0.113.7');
  t.clock.advance(120_000);
  const phone = await signIn(t, email, UA.iphone, '198.51.100.2');
  t.clock.advance(120_000);
  const mac = await signIn(t, email, UA.firefox);
  return { t, email, laptop, phone, mac };
}

const me = (t: TestApp, s: Signed) => t.request('GET', '/api/v1/auth/me', { token: s.access });
const refresh = (t: TestApp, s: Signed) => t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: s.refresh } });

describe('sessions: list', () => {
  it('lists the user’s live sessions with the device, browser and OS, the current one first', async () => {
    const { t, laptop, phone, mac } = await threeDevices();
    const res = await t.request('GET', '/api/v1/sessions/', { token: phone.access });
    assert.equal(res.status, 200);
    assert.equal(res.body.total, 4, 'sign-up opened a session too');
    assert.equal(res.body.sessions.length, 4);
    for (const s of res.body.sessions) assert.deepEqual(Object.keys(s).sort(), SESSION_FIELDS);
    const [current, ...rest] = res.body.sessions;
    assert.equal(current.id, phone.sid);
    assert.equal(current.is_current, true);
    assert.ok(rest.every((s: { is_current: boolean }) => !s.is_current));
    assert.deepEqual(rest.slice(0, 2).map((s: { id: string }) => s.id), [mac.sid, laptop.sid], 'then by last activity');
    const byId = new Map(res.body.sessions.map((s: { id: string }) => [s.id, s]));
    assert.deepEqual(
      [phone, laptop, mac].map((x) => {
        const s = byId.get(x.sid) as Record<string, unknown>;
        return [s['device_name'], s['browser'], s['os'], s['device_type'], s['device_model']];
      }),
      [['iPhone', 'Safari 17', 'iOS 17.4', 'mobile', 'iPhone'], ['Windows desktop', 'Chrome 126', 'Windows 10', 'desktop', null],
        ['macOS desktop', 'Firefox 128', 'macOS Sonoma', 'desktop', null]],
    );
    const laptopRow = byId.get(laptop.sid) as Record<string, string>;
    assert.equal(laptopRow['ip_address'], '203.0.113.7');
    assert.equal(laptopRow['user_agent'], UA.chrome);
    assert.ok(Date.parse(laptopRow['expires_at']!) > Date.parse(laptopRow['created_at']!));
    const bare = await t.request('GET', '/api/v1/sessions', { token: phone.access });
    assert.equal(bare.body.total, 4, 'also without the trailing slash');
  });

  it('never shows another user’s sessions, nor ended ones', async () => {
    const { t, laptop, phone } = await threeDevices();
    const other = await t.signUp();
    await t.request('POST', '/api/v1/auth/signout', { token: laptop.access });
    const theirs = await t.request('GET', '/api/v1/sessions/', { token: other.tokens!.access_token });
    assert.equal(theirs.body.total, 1);
    assert.ok(![laptop.sid, phone.sid].includes(theirs.body.sessions[0].id));
    const mine = await t.request('GET', '/api/v1/sessions/', { token: phone.access });
    assert.equal(mine.body.total, 3);
    assert.ok(!mine.body.sessions.some((s: { id: string }) => s.id === laptop.sid), 'the signed-out session is gone');
  });

  it('names unknown agents without failing', () => {
    const unknown = { device_name: 'Unknown device', browser: null, os: null, device_type: null, device_model: null };
    assert.deepEqual(describeDevice(null), unknown);
    assert.deepEqual(describeDevice('curl/8.5.0'), unknown);
    const pixel = describeDevice('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36');
    assert.equal(pixel.device_type, 'mobile');
    assert.equal(describeDevice('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36').os, 'Android 14');
    assert.doesNotThrow(() => describeDevice('\u0000'.repeat(600)));
  });
});

describe('sessions: revoke', () => {
  it('revoking one session kills its access token at once and its refresh token', async () => {
    const { t, laptop, phone } = await threeDevices();
    assert.equal((await me(t, laptop)).status, 200);
    const res = await t.request('DELETE', `/api/v1/sessions/${laptop.sid}`, { token: phone.access });
    assert.equal(res.status, 204);
    assert.equal(res.body, null);
    const dead = await me(t, laptop);
    assert.equal(dead.status, 401, 'the unexpired access token no longer works');
    assert.equal(dead.body.error.code, 'UNAUTHORIZED');
    const r = await refresh(t, laptop);
    assert.deepEqual([r.status, r.body.error.code], [401, 'INVALID_TOKEN']);
    assert.equal((await me(t, phone)).status, 200, 'the caller’s own session is untouched');
    const list = await t.request('GET', '/api/v1/sessions/', { token: phone.access });
    assert.equal(list.body.total, 3);
    const again = await t.request('DELETE', `/api/v1/sessions/${laptop.sid}`, { token: phone.access });
    assert.deepEqual([again.status, again.body.error.code], [404, 'NOT_FOUND']);
  });

  it('another user’s session id, or an unknown one, is 404 and changes nothing', async () => {
    const { t, laptop } = await threeDevices();
    const other = await t.signUp();
    for (const id of [laptop.sid, '00000000-0000-4000-8000-000000000000', 'x'.repeat(300)]) {
      const res = await t.request('DELETE', `/api/v1/sessions/${id}`, { token: other.tokens!.access_token });
      assert.deepEqual([res.status, res.body.error.code], [404, 'NOT_FOUND'], id.slice(0, 40));
    }
    assert.equal((await me(t, laptop)).status, 200);
    assert.equal((await refresh(t, laptop)).status, 200);
  });

  it('revoking the current session signs the caller out', async () => {
    const { t, mac } = await threeDevices();
    assert.equal((await t.request('DELETE', `/api/v1/sessions/${mac.sid}`, { token: mac.access })).status, 204);
    assert.equal((await me(t, mac)).status, 401);
    assert.equal((await refresh(t, mac)).status, 401);
  });

  it('DELETE /sessions/ revokes every other session and keeps the current one', async () => {
    const { t, laptop, phone, mac } = await threeDevices();
    const res = await t.request('DELETE', '/api/v1/sessions/', { token: mac.access });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { message: 'Signed out of 3 other sessions', revoked_count: 3 });
    for (const s of [laptop, phone]) {
      assert.equal((await me(t, s)).status, 401);
      assert.equal((await refresh(t, s)).status, 401);
    }
    assert.equal((await me(t, mac)).status, 200);
    const list = await t.request('GET', '/api/v1/sessions', { token: mac.access });
    assert.deepEqual(list.body.sessions.map((s: { id: string }) => s.id), [mac.sid]);
    const none = await t.request('DELETE', '/api/v1/sessions', { token: mac.access });
    assert.deepEqual(none.body, { message: 'Signed out of 0 other sessions', revoked_count: 0 });
    assert.equal((await refresh(t, mac)).status, 200, 'the current session still refreshes');
  });

  it('sessions that expired are not listed and not counted', async () => {
    const t = createTestApp({ refreshTokenTtl: 3600 });
    const email = `exp.${Date.now()}@example.test`;
    await t.signUp({ email });
    t.clock.advance(3600_000 + 1000);
    const fresh = await signIn(t, email, UA.chrome);
    const list = await t.request('GET', '/api/v1/sessions/', { token: fresh.access });
    assert.deepEqual(list.body.sessions.map((s: { id: string }) => s.id), [fresh.sid]);
    assert.equal((await t.request('DELETE', '/api/v1/sessions/', { token: fresh.access })).body.revoked_count, 0);
  });

  it('every sessions route answers 401 without a valid token', async () => {
    const { t, laptop } = await threeDevices();
    for (const [method, path] of [['GET', '/api/v1/sessions/'], ['GET', '/api/v1/sessions'], ['DELETE', '/api/v1/sessions/'], ['DELETE', `/api/v1/sessions/${laptop.sid}`]]) {
      for (const token of [undefined, 'garbage']) {
        const res = await t.request(method!, path!, { token });
        assert.equal(res.status, 401, `${method} ${path}`);
      }
    }
    assert.equal((await me(t, laptop)).status, 200);
  });
});
