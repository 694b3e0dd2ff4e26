import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify, decodeProtectedHeader } from 'jose';
import { createTestApp } from '../../packages/server/src/testing.ts';

const USER_FIELDS = [
  'id', 'email', 'email_verified', 'username', 'first_name', 'last_name', 'profile_image_url', 'locale',
  'mfa_enabled', 'created_at', 'updated_at', 'last_sign_in_at', 'metadata', 'has_password',
].sort();

describe('sign-up', () => {
  it('answers 201 with the user, tokens and the refresh cookie', async () => {
    const t = createTestApp();
    const res = await t.request('POST', '/api/v1/auth/signup', {
      body: { email: 'Grace@Example.com', password: 'Cobol-is-1959', first_name: 'Grace', last_name: 'Hopper', username: 'grace', locale: 'en-US', metadata: { team: 'navy' } },
    });
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.body.user).sort(), USER_FIELDS);
    assert.equal(res.body.user.email, 'Grace@Example.com');
    assert.equal(res.body.user.first_name, 'Grace');
    assert.equal(res.body.user.username, 'grace');
    assert.equal(res.body.user.email_verified, false);
    assert.deepEqual(res.body.user.metadata, { team: 'navy' });
    assert.equal(res.body.mfa_required, false);
    assert.equal(res.body.mfa_token, null);
    const { tokens } = res.body;
    assert.equal(tokens.token_type, 'bearer');
    assert.equal(tokens.expires_in, 900);
    assert.match(tokens.refresh_token, /^[A-Za-z0-9_-]{43}$/);
    const cookie = res.headers.get('set-cookie')!;
    assert.match(cookie, new RegExp(`^janua_refresh_token=${tokens.refresh_token};`));
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Path=\/api\/v1\/auth/);
    assert.doesNotMatch(cookie, /Secure/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.body.user.has_password, true);
    const answer = JSON.stringify(res.body);
    assert.ok(!answer.includes('Cobol-is-1959') && !answer.includes('argon2') && !answer.includes('password_hash'), 'no password or hash in the answer');
  });

  it('stores an Argon2id hash, never the password', async () => {
    const t = createTestApp();
    await t.signUp({ email: 'h@example.com', password: 'Plain-text-never' });
    const row = t.app.ctx.users.findOne({ email: 'h@example.com' })!;
    assert.match(row.password_hash!, /^\$argon2id\$v=19\$m=1024,t=1,p=1\$[\w+/]{22}\$[\w+/]{43}$/);
    assert.ok(!row.password_hash!.includes('Plain-text-never'));
  });

  it('refuses a taken email in any case with 400 EMAIL_TAKEN, and a taken username', async () => {
    const t = createTestApp();
    await t.signUp({ email: 'taken@example.com', username: 'taken' });
    const again = await t.request('POST', '/api/v1/auth/signup', { body: { email: 'TAKEN@example.com', password: 'Another-pass-42' } });
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, 'EMAIL_TAKEN');
    assert.equal(again.body.error.details.validation_errors[0].field, 'email');
    const name = await t.request('POST', '/api/v1/auth/signup', { body: { email: 'new@example.com', password: 'Another-pass-42', username: 'TAKEN' } });
    assert.equal(name.status, 400);
    assert.equal(name.body.error.code, 'USERNAME_TAKEN');
    assert.equal(t.app.ctx.users.count(), 1, 'no half-made account was left behind');
  });

  it('refuses common passwords and the email as password with 400 WEAK_PASSWORD on the password field', async () => {
    const t = createTestApp();
    for (const [email, password] of [['a@example.com', 'password123'], ['b@example.com', 'QWERTYUIOP'], ['carol.long@example.com', 'carol.long@example.com'], ['dave.long@example.com', 'Dave.Long']]) {
      const res = await t.request('POST', '/api/v1/auth/signup', { body: { email, password } });
      assert.equal(res.status, 400, password);
      assert.equal(res.body.error.code, 'WEAK_PASSWORD');
      assert.equal(res.body.error.details.validation_errors[0].field, 'password');
    }
    assert.equal(t.app.ctx.users.count(), 0);
  });

  it('sends a welcome email to the outbox', async () => {
    const t = createTestApp();
    await t.signUp({ email: 'mail@example.com' });
    const res = await t.request('GET', '/api/v1/dev/outbox?to=MAIL@example.com');
    assert.equal(res.status, 200);
    assert.equal(res.body.length, 1);
    assert.equal(res.body[0].to, 'mail@example.com');
    assert.match(res.body[0].subject, /Welcome/);
    assert.ok(Date.parse(res.body[0].sent_at));
    assert.equal((await t.request('DELETE', '/api/v1/dev/outbox')).status, 204);
    assert.deepEqual((await t.request('GET', '/api/v1/dev/outbox')).body, []);
  });
});

describe('sign-in', () => {
  it('signs in by email (any case) or username and opens a new session each time', async () => {
    const t = createTestApp();
    const up = await t.signUp({ email: 'Ann@Example.com', username: 'ann', password: 'Analytical-1843' });
    const byEmail = await t.request('POST', '/api/v1/auth/signin', { body: { email: 'ann@example.COM', password: 'Analytical-1843' } });
    assert.equal(byEmail.status, 200);
    assert.equal(byEmail.body.user.id, up.user.id);
    assert.ok(byEmail.body.user.last_sign_in_at);
    const byName = await t.request('POST', '/api/v1/auth/signin', { body: { username: 'ANN', password: 'Analytical-1843' } });
    assert.equal(byName.status, 200);
    const nameInEmailField = await t.request('POST', '/api/v1/auth/signin', { body: { email: 'ann', password: 'Analytical-1843' } });
    assert.equal(nameInEmailField.status, 200);
    const sids = [up, byEmail.body, byName.body, nameInEmailField.body].map((r) => JSON.parse(atob(r.tokens.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).sid);
    assert.equal(new Set(sids).size, 4);
    assert.equal(t.app.ctx.sessions.sessions.count({ user_id: up.user.id }), 4);
  });

  it('records ip and user agent on the session', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const res = await t.request('POST', '/api/v1/auth/signin', {
      body: { email: up.user.email, password: up.password }, ip: '10.1.2.3', headers: { 'user-agent': 'TestAgent/1.0' },
    });
    const sid = JSON.parse(Buffer.from(res.body.tokens.access_token.split('.')[1], 'base64url').toString()).sid;
    const session = t.app.ctx.sessions.sessions.get(sid)!;
    assert.equal(session.ip_address, '10.1.2.3');
    assert.equal(session.user_agent, 'TestAgent/1.0');
    assert.equal(session.revoked_at, null);
    assert.ok(session.expires_at > t.clock.now() + 29 * 24 * 3600_000);
  });
});

describe('access tokens and JWKS', () => {
  it('issues an ES256 at+jwt with the documented claims, verifiable with the published JWKS alone', async () => {
    const t = createTestApp();
    const up = await t.signUp({ email: 'jwt@example.com' });
    const jwks = await t.request('GET', '/.well-known/jwks.json');
    assert.equal(jwks.status, 200);
    assert.match(jwks.headers.get('cache-control')!, /max-age/);
    for (const key of jwks.body.keys) assert.equal(key.d, undefined, 'no private key material is published');
    const header = decodeProtectedHeader(up.tokens!.access_token);
    assert.equal(header.alg, 'ES256');
    assert.equal(header.typ, 'at+jwt');
    assert.ok(jwks.body.keys.some((k: { kid: string }) => k.kid === header.kid));
    const { payload } = await jwtVerify(up.tokens!.access_token, createLocalJWKSet(jwks.body), {
      issuer: t.issuer, audience: t.issuer, algorithms: ['ES256'],
    });
    assert.equal(payload.sub, up.user.id);
    assert.equal(payload['email'], 'jwt@example.com');
    assert.equal(payload['type'], 'access');
    assert.equal(typeof payload['sid'], 'string');
    assert.equal(typeof payload.jti, 'string');
    assert.equal(payload.exp! - payload.iat!, 900);
  });

  it('serves RFC 8414 metadata that points at the JWKS, at both well-known paths', async () => {
    const t = createTestApp();
    const res = await t.request('GET', '/.well-known/openid-configuration');
    assert.equal(res.status, 200);
    assert.equal(res.body.issuer, t.issuer);
    assert.equal(res.body.jwks_uri, `${t.issuer}/.well-known/jwks.json`);
    assert.deepEqual(res.body.janua_access_token_signing_alg_values_supported, ['ES256']);
    assert.equal(res.body.id_token_signing_alg_values_supported, undefined, 'no ID tokens are issued');
    assert.deepEqual((await t.request('GET', '/.well-known/oauth-authorization-server')).body, res.body);
  });

  it('honours a configured access-token lifetime', async () => {
    const t = createTestApp({ accessTokenTtl: 60 });
    const up = await t.signUp();
    assert.equal(up.tokens!.expires_in, 60);
  });
});

describe('me and profile', () => {
  it('GET /auth/me answers the signed-in user; without a token 401 UNAUTHORIZED', async () => {
    const t = createTestApp();
    const up = await t.signUp({ first_name: 'Me' });
    const me = await t.request('GET', '/api/v1/auth/me', { token: up.tokens!.access_token });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, up.user.id);
    assert.equal(me.body.first_name, 'Me');
    const anon = await t.request('GET', '/api/v1/auth/me');
    assert.equal(anon.status, 401);
    assert.equal(anon.body.error.code, 'UNAUTHORIZED');
  });

  it('PATCH /users/me changes the given fields only, clears with null, and refuses a taken username', async () => {
    const t = createTestApp();
    await t.signUp({ username: 'first' });
    const up = await t.signUp({ first_name: 'Old', last_name: 'Name' });
    t.clock.advance(1000);
    const res = await t.request('PATCH', '/api/v1/users/me', {
      token: up.tokens!.access_token,
      body: { first_name: '  New  ', last_name: null, username: 'newname', locale: 'pt-BR', metadata: { theme: 'dark' }, email: 'ignored@example.com' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.first_name, 'New');
    assert.equal(res.body.last_name, null);
    assert.equal(res.body.username, 'newname');
    assert.equal(res.body.locale, 'pt-BR');
    assert.deepEqual(res.body.metadata, { theme: 'dark' });
    assert.equal(res.body.email, up.user.email, 'email is not changeable here');
    assert.ok(Date.parse(res.body.updated_at) > Date.parse(up.user.updated_at));
    const me = await t.request('GET', '/api/v1/auth/me', { token: up.tokens!.access_token });
    assert.equal(me.body.username, 'newname');
    const clash = await t.request('PATCH', '/api/v1/users/me', { token: up.tokens!.access_token, body: { username: 'FIRST' } });
    assert.equal(clash.status, 400);
    assert.equal(clash.body.error.code, 'USERNAME_TAKEN');
    const unauth = await t.request('PATCH', '/api/v1/users/me', { body: { first_name: 'X' } });
    assert.equal(unauth.status, 401);
  });

  it('PATCH /users/me stores the picture (ext): an http(s) URL, null to remove it; any other scheme is a field error', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const token = up.tokens!.access_token;
    const set = await t.request('PATCH', '/api/v1/users/me', { token, body: { profile_image_url: 'https://cdn.example.com/ada.png' } });
    assert.equal(set.status, 200);
    assert.equal(set.body.profile_image_url, 'https://cdn.example.com/ada.png');
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token })).body.profile_image_url, 'https://cdn.example.com/ada.png');
    for (const bad of ['javascript:alert(1)', 'data:image/png;base64,AAAA', '/relative.png', 'not a url', `https://x.example/${'a'.repeat(2048)}`]) {
      const refused = await t.request('PATCH', '/api/v1/users/me', { token, body: { profile_image_url: bad } });
      assert.equal(refused.status, 422, bad.slice(0, 30));
      assert.equal(refused.body.error.details.validation_errors[0].field, 'profile_image_url');
    }
    const cleared = await t.request('PATCH', '/api/v1/users/me', { token, body: { profile_image_url: null } });
    assert.equal(cleared.body.profile_image_url, null);
  });
});

describe('sign-out', () => {
  it('revokes the session: its access token and refresh token stop working, and the cookie is cleared', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const out = await t.request('POST', '/api/v1/auth/signout', { token: up.tokens!.access_token });
    assert.equal(out.status, 200);
    assert.equal(typeof out.body.message, 'string');
    assert.match(out.headers.get('set-cookie')!, /janua_refresh_token=;.*Max-Age=0/);
    const me = await t.request('GET', '/api/v1/auth/me', { token: up.tokens!.access_token });
    assert.equal(me.status, 401);
    const refresh = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: up.tokens!.refresh_token } });
    assert.equal(refresh.status, 401);
    assert.equal(refresh.body.error.code, 'INVALID_TOKEN');
  });

  it('leaves the user\'s other sessions alone', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const other = await t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: up.password } });
    await t.request('POST', '/api/v1/auth/signout', { token: up.tokens!.access_token });
    const me = await t.request('GET', '/api/v1/auth/me', { token: other.body.tokens.access_token });
    assert.equal(me.status, 200);
  });

  it('accepts the refresh token when the access token is gone, and refuses an anonymous call', async () => {
    const t = createTestApp();
    const up = await t.signUp();
    const out = await t.request('POST', '/api/v1/auth/signout', { body: { refresh_token: up.tokens!.refresh_token } });
    assert.equal(out.status, 200);
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token: up.tokens!.access_token })).status, 401);
    const anon = await t.request('POST', '/api/v1/auth/signout');
    assert.equal(anon.status, 401);
  });
});

describe('dev endpoints', () => {
  it('do not exist without dev mode', async () => {
    const t = createTestApp({ dev: false });
    await t.signUp();
    const res = await t.request('GET', '/api/v1/dev/outbox');
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'NOT_FOUND');
    assert.equal((await t.request('DELETE', '/api/v1/dev/outbox')).status, 404);
  });
});
