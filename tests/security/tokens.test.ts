/** Forged access tokens, refresh-family revocation and session revocation: one property per test. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignJWT, base64url, decodeJwt, exportJWK, generateKeyPair } from 'jose';
import { createTestApp, type TestApp } from '../../packages/server/src/testing.ts';
import { meStatus, refreshStatus } from './helpers.ts';

/** A token made with the server's own signing key and any claims or header: the control that a forgery differs only where it says. */
async function signed(t: TestApp, claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
  const { kid, key } = await t.app.ctx.keys.active();
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt', ...header }).sign(key);
}

describe('forged access tokens are refused', () => {
  it('control: a token the server itself would make passes', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    assert.equal(await meStatus(t, await signed(t, decodeJwt(up.tokens!.access_token))), 200);
  });

  it('alg "none", with and without a signature part', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const claims = base64url.encode(JSON.stringify(decodeJwt(up.tokens!.access_token)));
    for (const alg of ['none', 'None', 'NONE']) {
      const header = base64url.encode(JSON.stringify({ alg, typ: 'at+jwt' }));
      assert.equal(await meStatus(t, `${header}.${claims}.`), 401, alg);
      assert.equal(await meStatus(t, `${header}.${claims}.${up.tokens!.access_token.split('.')[2]}`), 401, `${alg} with a signature`);
    }
  });

  it('HS256 keyed with the published public key (algorithm confusion)', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const jwk = (await t.request('GET', '/.well-known/jwks.json')).body.keys[0];
    for (const secret of [JSON.stringify(jwk), jwk.x, `${jwk.x}${jwk.y}`]) {
      const hs = await new SignJWT(decodeJwt(up.tokens!.access_token)).setProtectedHeader({ alg: 'HS256', kid: jwk.kid, typ: 'at+jwt' }).sign(new TextEncoder().encode(secret));
      assert.equal(await meStatus(t, hs), 401);
    }
  });

  it('an embedded jwk or a jku pointing at the attacker\'s key', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const claims = decodeJwt(up.tokens!.access_token);
    const embedded = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', jwk }).sign(privateKey);
    assert.equal(await meStatus(t, embedded), 401);
    const kid = (await t.request('GET', '/.well-known/jwks.json')).body.keys[0].kid;
    const jku = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid, jku: 'https://evil.example/jwks.json', jwk }).sign(privateKey);
    assert.equal(await meStatus(t, jku), 401);
  });

  it('an unknown kid, and a known kid on another key', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const { privateKey } = await generateKeyPair('ES256');
    const claims = decodeJwt(up.tokens!.access_token);
    const kid = (await t.request('GET', '/.well-known/jwks.json')).body.keys[0].kid;
    for (const header of [{ kid: 'no-such-key' }, { kid }, {}]) {
      const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', ...header }).sign(privateKey);
      assert.equal(await meStatus(t, forged), 401, JSON.stringify(header));
    }
  });

  it('the wrong aud, iss, typ or type, and a missing sid', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const base = decodeJwt(up.tokens!.access_token);
    assert.equal(await meStatus(t, await signed(t, { ...base, aud: 'https://other.example' })), 401);
    assert.equal(await meStatus(t, await signed(t, { ...base, iss: 'https://evil.example' })), 401);
    assert.equal(await meStatus(t, await signed(t, base, { typ: 'JWT' })), 401);
    assert.equal(await meStatus(t, await signed(t, { ...base, type: 'refresh' })), 401);
    const { sid: _sid, ...noSid } = base;
    assert.equal(await meStatus(t, await signed(t, noSid)), 401);
  });

  it('an iat in the future beyond a minute of skew, an expired exp', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const base = decodeJwt(up.tokens!.access_token);
    const now = Math.floor(t.clock.now() / 1000);
    assert.equal(await meStatus(t, await signed(t, { ...base, iat: now + 30 })), 200, 'within the skew');
    assert.equal(await meStatus(t, await signed(t, { ...base, iat: now + 3600, exp: now + 7200 })), 401, 'issued an hour from now');
    assert.equal(await meStatus(t, await signed(t, { ...base, iat: now - 7200, exp: now - 3600 })), 401, 'expired');
  });

  it('a token whose payload was edited after signing', async () => {
    const t = createTestApp();
    const a = await t.signUp();
    const b = await t.signUp();
    const [h, , s] = a.tokens!.access_token.split('.');
    const forged = `${h}.${base64url.encode(JSON.stringify({ ...decodeJwt(a.tokens!.access_token), sub: b.user.id }))}.${s}`;
    assert.equal(await meStatus(t, forged), 401);
  });
});

describe('refresh tokens', () => {
  it('reuse of a rotated token revokes the whole family, the newest token and every access token with it', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const first = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: up.tokens!.refresh_token } });
    const second = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: first.body.refresh_token } });
    assert.equal(second.status, 200);
    assert.equal(await refreshStatus(t, up.tokens!.refresh_token), 401, 'the replay');
    assert.equal(await refreshStatus(t, second.body.refresh_token), 401, 'the newest token died with the family');
    assert.equal(await meStatus(t, second.body.access_token), 401);
    assert.equal(await meStatus(t, up.tokens!.access_token), 401);
  });

  it('two parallel refreshes with one token end the session (no reuse grace: README, Tokens)', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const [a, b] = await Promise.all([0, 1].map(() => t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: up.tokens!.refresh_token } })));
    const statuses = [a!.status, b!.status].sort();
    assert.deepEqual(statuses, [200, 401], 'one rotation succeeds, the copy is reuse');
    const winner = a!.status === 200 ? a! : b!;
    assert.equal(await refreshStatus(t, winner.body.refresh_token), 401, 'and the reuse revoked the family');
  });

  it('a session another device revoked stops its access token on the very next request', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const other = await t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: up.password } });
    assert.equal(await meStatus(t, up.tokens!.access_token), 200);
    const sid = String(decodeJwt(up.tokens!.access_token)['sid']);
    assert.equal((await t.request('DELETE', `/api/v1/sessions/${sid}`, { token: other.body.tokens.access_token })).status, 204);
    assert.equal(await meStatus(t, up.tokens!.access_token), 401);
    assert.equal(await refreshStatus(t, up.tokens!.refresh_token), 401);
    assert.equal(await meStatus(t, other.body.tokens.access_token), 200);
    assert.equal((await t.request('POST', '/api/v1/auth/signout', { token: other.body.tokens.access_token })).status, 200);
    assert.equal(await meStatus(t, other.body.tokens.access_token), 401, 'sign-out too, at once');
  });
});
