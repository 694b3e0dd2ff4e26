import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createArgon2Hasher } from '../../packages/server/src/node.ts';
import { createTestApp } from '../../packages/server/src/testing.ts';

const ALLOWED = 'http://localhost:5173';

describe('unknown user and wrong password answer alike', () => {
  it('same status, code and message, and similar timing', async () => {
    // A dearer KDF (8 MiB) than the test default, so the signal stands well above scheduling noise.
    const t = createTestApp({ rateLimit: false, hasher: createArgon2Hasher({ memoryCost: 8192, timeCost: 1, insecureForTests: true }) });
    const up = await t.signUp({ email: 'real@example.com', password: 'The-right-one-7' });
    const attempt = async (email: string) => {
      const started = performance.now();
      const res = await t.request('POST', '/api/v1/auth/signin', { body: { email, password: 'The-wrong-one-7' } });
      return { res, ms: performance.now() - started };
    };
    await attempt(up.user.email);
    await attempt('ghost@example.com');
    const wrong: number[] = [];
    const ghost: number[] = [];
    for (let i = 0; i < 7; i++) {
      const a = await attempt(up.user.email);
      const b = await attempt(`ghost${i}@example.com`);
      assert.equal(a.res.status, 401);
      assert.equal(b.res.status, 401);
      assert.deepEqual({ ...a.res.body.error, request_id: 0, timestamp: 0 }, { ...b.res.body.error, request_id: 0, timestamp: 0 });
      assert.equal(a.res.body.error.code, 'INVALID_CREDENTIALS');
      wrong.push(a.ms);
      ghost.push(b.ms);
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const [mw, mg] = [median(wrong), median(ghost)];
    // Both run one full Argon2id; without the dummy verify an unknown user would answer in well under a tenth of the time.
    assert.ok(mg > mw * 0.5 && mg < mw * 2, `medians too far apart: wrong password ${mw.toFixed(1)} ms, unknown user ${mg.toFixed(1)} ms`);
  });
});

describe('rate limits', () => {
  it('limits failed sign-ins per account with 429 RATE_LIMITED and Retry-After, then lets up', async () => {
    const t = createTestApp({ rateLimit: { signinAccount: { limit: 3, windowMs: 60_000 } } });
    const up = await t.signUp();
    for (let i = 0; i < 3; i++) {
      const res = await t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: 'bad-password-1' }, ip: `10.0.0.${i}` });
      assert.equal(res.status, 401);
    }
    const blocked = await t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: up.password }, ip: '10.0.0.99' });
    assert.equal(blocked.status, 429);
    assert.equal(blocked.body.error.code, 'RATE_LIMITED');
    const retry = Number(blocked.headers.get('retry-after'));
    assert.ok(retry > 0 && retry <= 60, `Retry-After ${retry}`);
    const other = await t.signUp();
    const unaffected = await t.request('POST', '/api/v1/auth/signin', { body: { email: other.user.email, password: other.password } });
    assert.equal(unaffected.status, 200, 'another account is not affected');
    t.clock.advance(61_000);
    const later = await t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: up.password } });
    assert.equal(later.status, 200);
  });

  it('limits sign-in attempts per IP address', async () => {
    const t = createTestApp({ rateLimit: { signinIp: { limit: 2, windowMs: 30_000 } } });
    const up = await t.signUp();
    const signin = (ip: string) => t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: up.password }, ip });
    assert.equal((await signin('192.0.2.1')).status, 200);
    assert.equal((await signin('192.0.2.1')).status, 200);
    const third = await signin('192.0.2.1');
    assert.equal(third.status, 429);
    assert.ok(Number(third.headers.get('retry-after')) >= 1);
    assert.equal((await signin('192.0.2.2')).status, 200, 'another address is not affected');
  });

  it('limits sign-ups per IP address', async () => {
    const t = createTestApp({ rateLimit: { signupIp: { limit: 2, windowMs: 60_000 } } });
    await t.signUp();
    await t.signUp();
    const res = await t.request('POST', '/api/v1/auth/signup', { body: { email: 'third@example.com', password: 'Valid-password-1' } });
    assert.equal(res.status, 429);
    assert.equal(res.body.error.code, 'RATE_LIMITED');
    assert.ok(res.headers.get('retry-after'));
    assert.equal(t.app.ctx.users.findOne({ email: 'third@example.com' }), undefined);
  });

  it('are on by default and can be turned off', async () => {
    const on = createTestApp();
    assert.ok(on.app.ctx.limits);
    const off = createTestApp({ rateLimit: false });
    assert.equal(off.app.ctx.limits, null);
    const up = await off.signUp();
    for (let i = 0; i < 15; i++) {
      const res = await off.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: 'bad-password-1' } });
      assert.equal(res.status, 401);
    }
  });
});

describe('CORS allowlist', () => {
  const t = createTestApp({ cors: [ALLOWED] });

  it('answers a preflight from an allowed origin with credentials allowed, never *', async () => {
    const res = await t.fetch(new Request(`${t.issuer}/api/v1/auth/signin`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-janua-client' },
    }));
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED);
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
    assert.match(res.headers.get('access-control-allow-headers')!, /X-Janua-Client/i);
    assert.match(res.headers.get('access-control-allow-methods')!, /PATCH/);
  });

  it('refuses a preflight from another origin and gives its requests no CORS headers', async () => {
    const pre = await t.fetch(new Request(`${t.issuer}/api/v1/auth/signin`, {
      method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    }));
    assert.equal(pre.status, 403);
    assert.equal(pre.headers.get('access-control-allow-origin'), null);
    const res = await t.request('GET', '/.well-known/jwks.json', { headers: { origin: 'https://evil.example' } });
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
  });

  it('puts CORS headers on allowed answers, errors included, and exposes Retry-After', async () => {
    const res = await t.request('GET', '/api/v1/auth/me', { headers: { origin: ALLOWED } });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED);
    assert.match(res.headers.get('access-control-expose-headers')!, /Retry-After/);
    assert.match(res.headers.get('vary')!, /Origin/);
  });
});

describe('cookie refresh CSRF guard', () => {
  const t = createTestApp({ cors: [ALLOWED] });
  const cookieRefresh = (token: string, headers: Record<string, string>) =>
    t.request('POST', '/api/v1/auth/refresh', { headers: { cookie: `janua_refresh_token=${token}`, ...headers } });

  it('refreshes from the cookie with X-Janua-Client and an allowed or same Origin', async () => {
    const up = await t.signUp();
    const res = await cookieRefresh(up.tokens!.refresh_token, { 'x-janua-client': '1', origin: ALLOWED });
    assert.equal(res.status, 200);
    const same = await cookieRefresh(res.body.refresh_token, { 'x-janua-client': '1', origin: t.issuer });
    assert.equal(same.status, 200);
  });

  it('answers 403 without the header, with a foreign Origin, or with none, and does not spend the token', async () => {
    const up = await t.signUp();
    const attempts: Record<string, string>[] = [{ origin: ALLOWED }, { 'x-janua-client': '1', origin: 'https://evil.example' }, { 'x-janua-client': '1' }];
    for (const headers of attempts) {
      const res = await cookieRefresh(up.tokens!.refresh_token, headers);
      assert.equal(res.status, 403, JSON.stringify(headers));
      assert.equal(res.body.error.code, 'FORBIDDEN');
    }
    assert.equal((await cookieRefresh(up.tokens!.refresh_token, { 'x-janua-client': '1', origin: ALLOWED })).status, 200);
  });

  it('marks the cookie Secure when the issuer is https', async () => {
    const secure = createTestApp({ issuer: 'https://auth.example.com' });
    const up = await secure.request('POST', '/api/v1/auth/signup', { body: { email: 's@example.com', password: 'Valid-password-1' } });
    assert.match(up.headers.get('set-cookie')!, /; Secure/);
    assert.match(up.headers.get('strict-transport-security')!, /max-age=/);
  });
});

describe('security headers', () => {
  it('every answer carries nosniff, no-referrer, a strict CSP and a request id; auth answers are no-store', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    for (const res of [
      await t.request('GET', '/api/v1/auth/me', { token: up.tokens!.access_token }),
      await t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: 'nope-nope-1' } }),
      await t.request('GET', '/missing'),
    ]) {
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      assert.match(res.headers.get('content-security-policy')!, /default-src 'none'/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.match(res.headers.get('x-request-id')!, /^req_/);
    }
  });
});
