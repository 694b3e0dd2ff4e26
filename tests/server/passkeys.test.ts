import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../packages/server/src/testing.ts';
import { passkeysTable } from '../../packages/server/src/passkeys/tables.ts';
import { codeAt, enableTotp } from './helpers/mfa.ts';
import { SoftAuthenticator } from './helpers/soft-authenticator.ts';

const ORIGIN = 'http://localhost:5173';

function app(overrides: Parameters<typeof createTestApp>[0] = {}) {
  return createTestApp({ frontendUrl: ORIGIN, rateLimit: false, ...overrides });
}

async function registered(t: TestApp, authr = new SoftAuthenticator(), fields: Record<string, unknown> = {}) {
  const who = await t.signUp(fields);
  const token = who.tokens!.access_token;
  const options = await t.request('POST', '/api/v1/passkeys/register/options', { token });
  assert.equal(options.status, 200, JSON.stringify(options.body));
  const credential = await authr.register(options.body, { origin: ORIGIN });
  const verify = await t.request('POST', '/api/v1/passkeys/register/verify', { token, body: { credential, name: 'Laptop' } });
  assert.equal(verify.status, 200, JSON.stringify(verify.body));
  return { who, token, authr, passkeyId: verify.body.passkey_id as string, credential };
}

async function signInWith(t: TestApp, authr: SoftAuthenticator, init: { email?: string; ceremony?: Record<string, unknown>; query?: 'challenge' | 'sessionId' | 'none' } = {}) {
  const options = await t.request('POST', '/api/v1/passkeys/authenticate/options', { body: init.email ? { email: init.email } : {} });
  assert.equal(options.status, 200);
  const credential = await authr.authenticate(options.body, { origin: ORIGIN, ...init.ceremony });
  const q = init.query ?? 'challenge';
  const path = q === 'none' ? '' : `?challenge=${encodeURIComponent(q === 'challenge' ? options.body.challenge : options.body.sessionId)}`;
  const res = await t.request('POST', `/api/v1/passkeys/authenticate/verify${path}`, { body: { credential, ...(init.email ? { email: init.email } : {}) } });
  return { options, credential, res, path };
}

describe('passkeys: the whole life of one', () => {
  it('registers, lists, renames, signs in with email and without, then deletes', async () => {
    const t = app();
    const { who, token, authr, passkeyId } = await registered(t);

    const list = await t.request('GET', '/api/v1/passkeys/', { token });
    assert.equal(list.status, 200);
    assert.equal(list.body.length, 1);
    assert.deepEqual(Object.keys(list.body[0]).sort(), ['authenticator_attachment', 'created_at', 'id', 'last_used_at', 'name', 'sign_count']);
    assert.equal(list.body[0].id, passkeyId);
    assert.equal(list.body[0].name, 'Laptop');
    assert.equal(list.body[0].authenticator_attachment, 'platform');
    assert.equal(list.body[0].last_used_at, null);
    const noSlash = await t.request('GET', '/api/v1/passkeys', { token });
    assert.deepEqual(noSlash.body, list.body);

    const renamed = await t.request('PATCH', `/api/v1/passkeys/${passkeyId}`, { token, body: { name: '  Work laptop ' } });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, 'Work laptop');

    const withEmail = await signInWith(t, authr, { email: who.user.email });
    assert.equal(withEmail.options.body.allowCredentials.length, 1);
    assert.equal(withEmail.options.body.rpId, 'localhost');
    assert.equal(withEmail.options.body.userVerification, 'preferred');
    assert.ok(withEmail.options.body.sessionId && withEmail.options.body.timeout > 0);
    assert.equal(withEmail.res.status, 200, JSON.stringify(withEmail.res.body));
    assert.equal(withEmail.res.body.user.id, who.user.id);
    assert.equal(withEmail.res.body.mfa_required, false);
    assert.match(withEmail.res.headers.get('set-cookie')!, /^janua_refresh_token=[\w-]{43};.*HttpOnly/);
    const me = await t.request('GET', '/api/v1/auth/me', { token: withEmail.res.body.tokens.access_token });
    assert.equal(me.body.id, who.user.id);

    const discoverable = await signInWith(t, authr, { query: 'sessionId' });
    assert.deepEqual(discoverable.options.body.allowCredentials, []);
    assert.equal(discoverable.res.status, 200, JSON.stringify(discoverable.res.body));
    assert.equal(discoverable.res.body.user.id, who.user.id);
    const afterUse = await t.request('GET', '/api/v1/passkeys/', { token });
    assert.ok(afterUse.body[0].last_used_at);

    const gone = await t.request('DELETE', `/api/v1/passkeys/${passkeyId}`, { token });
    assert.equal(gone.status, 204);
    assert.deepEqual((await t.request('GET', '/api/v1/passkeys/', { token })).body, []);
    const after = await signInWith(t, authr);
    assert.equal(after.res.status, 401);
    assert.equal(after.res.body.error.code, 'INVALID_CREDENTIALS');
  });

  it('asks for a resident key and UV, and excludes the credentials the user already has', async () => {
    const t = app();
    const { token, credential, who } = await registered(t);
    const options = await t.request('POST', '/api/v1/passkeys/register/options', { token, body: { authenticator_attachment: 'cross-platform' } });
    assert.equal(options.status, 200);
    assert.equal(options.body.rp.id, 'localhost');
    assert.equal(options.body.user.name, who.user.email);
    assert.equal(options.body.authenticatorSelection.residentKey, 'preferred');
    assert.equal(options.body.authenticatorSelection.userVerification, 'preferred');
    assert.equal(options.body.authenticatorSelection.authenticatorAttachment, 'cross-platform');
    assert.deepEqual(options.body.excludeCredentials.map((c: { id: string }) => c.id), [credential.id]);
    assert.equal(options.body.attestation, 'none');
  });

  it('takes the relying party from configuration', async () => {
    const t = createTestApp({ rpId: 'example.com', rpName: 'Example', origins: ['https://app.example.com'] });
    const who = await t.signUp();
    const options = await t.request('POST', '/api/v1/passkeys/register/options', { token: who.tokens!.access_token });
    assert.deepEqual(options.body.rp, { name: 'Example', id: 'example.com' });
    const authr = new SoftAuthenticator();
    const ok = await t.request('POST', '/api/v1/passkeys/register/verify', {
      token: who.tokens!.access_token,
      body: { credential: await authr.register(options.body, { origin: 'https://app.example.com' }) },
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.throws(() => createTestApp({ origins: ['not an origin'] }), /origins must be origins/);
    assert.throws(() => createTestApp({ rpId: 'bad id/' }), /rpId must be a domain/);
    const derived = createTestApp({ issuer: 'http://[::1]:8787', frontendUrl: 'https://app.example.com/login', cors: ['https://www.example.com', 'not-an-origin'] });
    assert.equal(derived.app.ctx.config.rpId, 'app.example.com');
    assert.deepEqual(derived.app.ctx.config.origins, ['https://app.example.com', 'http://[::1]:8787', 'https://www.example.com']);
  });
});

describe('passkeys: registration refusals', () => {
  async function begin(t: TestApp) {
    const who = await t.signUp();
    const token = who.tokens!.access_token;
    const options = (await t.request('POST', '/api/v1/passkeys/register/options', { token })).body;
    return { who, token, options, authr: new SoftAuthenticator() };
  }
  const count = (t: TestApp) => t.store.table(passkeysTable).count();

  it('needs a recent sign-in to add one: a stolen access token, refreshed or not, cannot plant a passkey later', async () => {
    const t = app();
    const who = await t.signUp();
    t.clock.advance(10 * 60_000 + 1);
    // A refresh keeps the session it refreshes: its sign-in is still ten minutes old.
    const refreshed = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: who.tokens!.refresh_token } });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    const first = await t.request('POST', '/api/v1/passkeys/register/options', { token: who.tokens!.access_token });
    assert.equal(first.status, 403, JSON.stringify(first.body));
    const late = await t.request('POST', '/api/v1/passkeys/register/options', { token: refreshed.body.access_token as string });
    assert.equal(late.status, 403, JSON.stringify(late.body));
    assert.equal(late.body.error.code, 'FORBIDDEN');
    assert.equal(late.body.error.details.reason, 'reauthentication_required');
    // Signed in again: the passkey is added, and the owner is told by mail.
    const again = await t.request('POST', '/api/v1/auth/signin', { body: { email: who.user.email, password: who.password } });
    const authr = new SoftAuthenticator();
    const token = again.body.tokens.access_token as string;
    const options = await t.request('POST', '/api/v1/passkeys/register/options', { token });
    assert.equal(options.status, 200, JSON.stringify(options.body));
    const verify = await t.request('POST', '/api/v1/passkeys/register/verify', {
      token, body: { credential: await authr.register(options.body, { origin: ORIGIN }), name: 'Laptop' },
    });
    assert.equal(verify.status, 200, JSON.stringify(verify.body));
    const mail = t.outbox.list(who.user.email).find((m) => m.subject === 'A passkey was added to your Janua account');
    assert.ok(mail, 'the owner is told');
    assert.match(mail.text, /"Laptop"/);
  });

  it('refuses another origin and another rpID, and stores nothing', async () => {
    const t = app();
    const a = await begin(t);
    const wrongOrigin = await t.request('POST', '/api/v1/passkeys/register/verify', {
      token: a.token, body: { credential: await a.authr.register(a.options, { origin: 'https://evil.example' }) },
    });
    assert.equal(wrongOrigin.status, 400);
    assert.equal(wrongOrigin.body.error.code, 'INVALID_CREDENTIALS');
    // A fixed reason: the library's words name the origins and RP ID the server accepts.
    assert.equal(wrongOrigin.body.error.details.reason, 'verification_failed');
    assert.ok(!JSON.stringify(wrongOrigin.body).includes(ORIGIN), JSON.stringify(wrongOrigin.body));
    const b = await begin(t);
    const wrongRp = await t.request('POST', '/api/v1/passkeys/register/verify', {
      token: b.token, body: { credential: await b.authr.register(b.options, { origin: ORIGIN, rpId: 'evil.example' }) },
    });
    assert.equal(wrongRp.status, 400);
    assert.equal(wrongRp.body.error.details.reason, 'verification_failed');
    assert.ok(!JSON.stringify(wrongRp.body).includes('localhost'), JSON.stringify(wrongRp.body));
    assert.equal(count(t), 0);
  });

  it('spends a challenge once, expires it after 5 minutes, and binds it to the session that asked', async () => {
    const t = app();
    const a = await begin(t);
    const credential = await a.authr.register(a.options, { origin: ORIGIN });
    assert.equal((await t.request('POST', '/api/v1/passkeys/register/verify', { token: a.token, body: { credential } })).status, 200);
    const again = await t.request('POST', '/api/v1/passkeys/register/verify', { token: a.token, body: { credential: await a.authr.register(a.options, { origin: ORIGIN }) } });
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, 'INVALID_TOKEN');

    const b = await begin(t);
    t.clock.advance(5 * 60_000 + 1);
    const expired = await t.request('POST', '/api/v1/passkeys/register/verify', { token: (await t.signUp()).tokens!.access_token, body: { credential: await b.authr.register(b.options, { origin: ORIGIN }) } });
    assert.equal(expired.status, 400);

    const c = await begin(t);
    const other = await t.signUp();
    const stolen = await t.request('POST', '/api/v1/passkeys/register/verify', { token: other.tokens!.access_token, body: { credential: await c.authr.register(c.options, { origin: ORIGIN }) } });
    assert.equal(stolen.status, 400, 'a challenge issued to one session is useless to another');
    assert.equal(stolen.body.error.code, 'INVALID_TOKEN');
    assert.equal(count(t), 1);
  });

  it('refuses a credential id that another account already registered', async () => {
    const t = app();
    const first = await registered(t);
    const b = await begin(t);
    const clone = await first.authr.register(b.options, { origin: ORIGIN, reuse: first.authr.credentials[0]! });
    const res = await t.request('POST', '/api/v1/passkeys/register/verify', { token: b.token, body: { credential: clone } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.details.reason, 'duplicate');
    assert.equal(count(t), 1);
  });

  it('answers 401 without a token and 422, 400 or 415 for bad bodies', async () => {
    const t = app();
    const a = await begin(t);
    for (const path of ['/api/v1/passkeys/register/options', '/api/v1/passkeys/register/verify']) {
      assert.equal((await t.request('POST', path, { body: {} })).status, 401);
    }
    const attach = await t.request('POST', '/api/v1/passkeys/register/options', { token: a.token, body: { authenticator_attachment: 'usb' } });
    assert.equal(attach.status, 422);
    assert.equal(attach.body.error.details.validation_errors[0].field, 'authenticator_attachment');
    assert.equal((await t.request('POST', '/api/v1/passkeys/register/options', { token: a.token, body: { authenticator_attachment: 7 } })).status, 422);
    const missing = await t.request('POST', '/api/v1/passkeys/register/verify', { token: a.token, body: {} });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.error.details.validation_errors[0].field, 'credential');
    const wrongType = await t.request('POST', '/api/v1/passkeys/register/verify', { token: a.token, body: { credential: 'abc' } });
    assert.equal(wrongType.status, 422);
    const good = await a.authr.register(a.options, { origin: ORIGIN });
    const holes = await t.request('POST', '/api/v1/passkeys/register/verify', {
      token: a.token, body: { credential: { ...good, type: 'password', response: { clientDataJSON: 'not base64!' } } },
    });
    assert.equal(holes.status, 422);
    const fields = holes.body.error.details.validation_errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(fields, ['credential.response.attestationObject', 'credential.response.clientDataJSON', 'credential.type']);
    const longName = await t.request('POST', '/api/v1/passkeys/register/verify', { token: a.token, body: { credential: good, name: 'x'.repeat(65) } });
    assert.equal(longName.status, 422);
    assert.equal(longName.body.error.details.validation_errors[0].type, 'max_length');
    assert.equal((await t.request('POST', '/api/v1/passkeys/register/verify', { token: a.token, body: '{"credential":' })).status, 400);
    assert.equal((await t.request('POST', '/api/v1/passkeys/register/verify', { token: a.token, body: 'x', headers: { 'content-type': 'text/plain' } })).status, 415);
    assert.equal(count(t), 0);
  });

  it('takes transports only as a short list of names, since every allow and exclude list hands them back', async () => {
    const t = app();
    const a = await begin(t);
    const good = await a.authr.register(a.options, { origin: ORIGIN });
    for (const transports of ['internal', { evil: { nested: 1 } }, [1, 2, null], Array.from({ length: 3000 }, () => 'usb'), ['USB'], ['x'.repeat(40)]]) {
      const res = await t.request('POST', '/api/v1/passkeys/register/verify', {
        token: a.token, body: { credential: { ...good, response: { ...good.response, transports } } },
      });
      assert.equal(res.status, 422, JSON.stringify(transports).slice(0, 40));
      assert.equal(res.body.error.details.validation_errors[0].field, 'credential.response.transports');
    }
    assert.equal(count(t), 0);
    const ok = await t.request('POST', '/api/v1/passkeys/register/verify', {
      token: a.token, body: { credential: { ...good, response: { ...good.response, transports: ['internal', 'hybrid'] } } },
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const options = await t.request('POST', '/api/v1/passkeys/authenticate/options', { body: { email: a.who.user.email } });
    assert.deepEqual(options.body.allowCredentials[0].transports, ['internal', 'hybrid']);
  });
});

describe('passkeys: sign-in refusals', () => {
  it('refuses another origin and another rpID', async () => {
    const t = app();
    const { authr } = await registered(t);
    const origin = await signInWith(t, authr, { ceremony: { origin: 'https://evil.example' } });
    assert.equal(origin.res.status, 401);
    assert.equal(origin.res.body.error.code, 'INVALID_CREDENTIALS');
    const rp = await signInWith(t, authr, { ceremony: { rpId: 'evil.example' } });
    assert.equal(rp.res.status, 401);
    assert.equal(rp.res.headers.get('set-cookie'), null);
  });

  it('spends the challenge once and lets it expire after 5 minutes', async () => {
    const t = app();
    const { authr } = await registered(t);
    const first = await signInWith(t, authr);
    assert.equal(first.res.status, 200);
    const replay = await t.request('POST', `/api/v1/passkeys/authenticate/verify${first.path}`, { body: { credential: first.credential } });
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error.code, 'INVALID_TOKEN');
    const options = await t.request('POST', '/api/v1/passkeys/authenticate/options', { body: {} });
    const credential = await authr.authenticate(options.body, { origin: ORIGIN });
    t.clock.advance(5 * 60_000 + 1);
    const late = await t.request('POST', `/api/v1/passkeys/authenticate/verify?challenge=${options.body.challenge}`, { body: { credential } });
    assert.equal(late.status, 400);
    const unknown = await t.request('POST', '/api/v1/passkeys/authenticate/verify?challenge=nope', { body: { credential } });
    assert.equal(unknown.status, 400);
  });

  it('refuses someone else\'s credential against an email-bound challenge or a different email', async () => {
    const t = app();
    const alice = await registered(t);
    const bob = await registered(t);
    const options = await t.request('POST', '/api/v1/passkeys/authenticate/options', { body: { email: alice.who.user.email } });
    const bobs = await bob.authr.authenticate({ ...options.body, allowCredentials: [] }, { origin: ORIGIN });
    const res = await t.request('POST', `/api/v1/passkeys/authenticate/verify?challenge=${options.body.challenge}`, { body: { credential: bobs } });
    assert.equal(res.status, 401);
    assert.equal(res.body.error.details.reason, 'credential_not_allowed');
    const claimed = await signInWith(t, bob.authr, { ceremony: {} });
    assert.equal(claimed.res.status, 200, 'bob on his own is fine');
    const opts2 = await t.request('POST', '/api/v1/passkeys/authenticate/options', { body: {} });
    const asAlice = await t.request('POST', `/api/v1/passkeys/authenticate/verify?challenge=${opts2.body.challenge}`, {
      body: { email: alice.who.user.email, credential: await bob.authr.authenticate(opts2.body, { origin: ORIGIN }) },
    });
    assert.equal(asAlice.status, 401);
    const opts3 = await t.request('POST', '/api/v1/passkeys/authenticate/options', { body: {} });
    const forged = await t.request('POST', `/api/v1/passkeys/authenticate/verify?challenge=${opts3.body.challenge}`, {
      body: { credential: await bob.authr.authenticate(opts3.body, { origin: ORIGIN, userHandle: Buffer.from(alice.who.user.id).toString('base64url') }) },
    });
    assert.equal(forged.status, 401);
  });

  it('stores the counter and refuses one that went backwards', async () => {
    const t = app();
    const { authr, token } = await registered(t, new SoftAuthenticator({ counterStart: 5 }));
    const ok = await signInWith(t, authr, { ceremony: { counter: 9 } });
    assert.equal(ok.res.status, 200);
    assert.equal((await t.request('GET', '/api/v1/passkeys/', { token })).body[0].sign_count, 9);
    const cloned = await signInWith(t, authr, { ceremony: { counter: 7 } });
    assert.equal(cloned.res.status, 401);
    assert.equal(cloned.res.body.error.details.reason, 'counter_regressed');
    const same = await signInWith(t, authr, { ceremony: { counter: 9 } });
    assert.equal(same.res.status, 401);
    assert.equal((await t.request('GET', '/api/v1/passkeys/', { token })).body[0].sign_count, 9);
  });

  it('counts a UV passkey as MFA, and asks for the second factor after one without UV', async () => {
    const t = app();
    const { authr, who, token } = await registered(t);
    const { secret } = await enableTotp(t, who);
    const noUv = await signInWith(t, authr, { ceremony: { uv: false } });
    assert.equal(noUv.res.status, 200);
    assert.equal(noUv.res.body.mfa_required, true);
    assert.equal(noUv.res.body.tokens, null);
    assert.deepEqual(noUv.res.body.mfa_methods, ['totp', 'backup_code']);
    assert.equal(noUv.res.headers.get('set-cookie'), null, 'no session before the second factor');
    const second = await t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token: noUv.res.body.mfa_token, code: await codeAt(t, secret) } });
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.ok(second.body.tokens.access_token);
    assert.ok((await t.request('GET', '/api/v1/passkeys/', { token })).body[0].last_used_at, 'the passkey use counted');
    const uv = await signInWith(t, authr);
    assert.equal(uv.res.status, 200);
    assert.equal(uv.res.body.mfa_required, false);
    assert.ok(uv.res.body.tokens.access_token);
  });

  it('answers 422 for bad bodies and 400 for a bad challenge parameter', async () => {
    const t = app();
    const { authr } = await registered(t);
    assert.equal((await t.request('POST', '/api/v1/passkeys/authenticate/options', { body: { email: 5 } })).status, 422);
    assert.equal((await t.request('POST', '/api/v1/passkeys/authenticate/options', { body: { email: `${'a'.repeat(250)}@x.io` } })).status, 422);
    assert.equal((await t.request('POST', '/api/v1/passkeys/authenticate/options', { body: '[' })).status, 400);
    const missing = await t.request('POST', '/api/v1/passkeys/authenticate/verify?challenge=x', { body: {} });
    assert.equal(missing.status, 422);
    const options = await t.request('POST', '/api/v1/passkeys/authenticate/options', { body: {} });
    const credential = await authr.authenticate(options.body, { origin: ORIGIN });
    const noSig = await t.request('POST', '/api/v1/passkeys/authenticate/verify', { body: { credential: { ...credential, response: { ...credential.response, signature: undefined } } } });
    assert.equal(noSig.status, 422);
    assert.equal(noSig.body.error.details.validation_errors[0].field, 'credential.response.signature');
    const emptyQuery = await t.request('POST', '/api/v1/passkeys/authenticate/verify?challenge=', { body: { credential } });
    assert.equal(emptyQuery.status, 422);
    const fromClientData = await t.request('POST', '/api/v1/passkeys/authenticate/verify', { body: { credential } });
    assert.equal(fromClientData.status, 200, 'without ?challenge= the signed challenge is looked up');
  });
});

describe('passkeys: one user cannot see or touch another\'s', () => {
  it('answers 404 for other users\' ids and unknown ids, and 401 without a token', async () => {
    const t = app();
    const alice = await registered(t);
    const bob = await registered(t);
    const bobsList = await t.request('GET', '/api/v1/passkeys/', { token: bob.token });
    assert.deepEqual(bobsList.body.map((p: { id: string }) => p.id), [bob.passkeyId]);
    for (const id of [alice.passkeyId, 'no-such-id']) {
      const patch = await t.request('PATCH', `/api/v1/passkeys/${id}`, { token: bob.token, body: { name: 'mine now' } });
      assert.equal(patch.status, 404);
      assert.equal(patch.body.error.code, 'NOT_FOUND');
      assert.equal((await t.request('DELETE', `/api/v1/passkeys/${id}`, { token: bob.token })).status, 404);
    }
    assert.equal((await t.request('GET', '/api/v1/passkeys/', { token: alice.token })).body[0].name, 'Laptop');
    assert.equal((await t.request('GET', '/api/v1/passkeys/')).status, 401);
    assert.equal((await t.request('PATCH', `/api/v1/passkeys/${alice.passkeyId}`, { body: { name: 'x' } })).status, 401);
    assert.equal((await t.request('DELETE', `/api/v1/passkeys/${alice.passkeyId}`)).status, 401);
    const empty = await t.request('PATCH', `/api/v1/passkeys/${alice.passkeyId}`, { token: alice.token, body: { name: '   ' } });
    assert.equal(empty.status, 422);
    assert.equal((await t.request('PATCH', `/api/v1/passkeys/${alice.passkeyId}`, { token: alice.token, body: { name: 3 } })).status, 422);
    assert.equal((await t.request('PATCH', `/api/v1/passkeys/${alice.passkeyId}`, { token: alice.token, body: {} })).status, 422);
    assert.equal((await t.request('PATCH', `/api/v1/passkeys/${alice.passkeyId}`, { token: alice.token, body: { name: 'y'.repeat(65) } })).status, 422);
    assert.equal((await t.request('PATCH', `/api/v1/passkeys/${alice.passkeyId}`, { token: alice.token, body: '{"name":' })).status, 400);
    t.clock.advance(16 * 60_000);
    for (const [method, path] of [['GET', '/api/v1/passkeys/'], ['DELETE', `/api/v1/passkeys/${alice.passkeyId}`], ['POST', '/api/v1/passkeys/register/options']] as const) {
      assert.equal((await t.request(method, path, { token: alice.token })).status, 401, `${method} ${path} with an expired token`);
    }
    assert.equal(t.store.table(passkeysTable).count(), 2);
  });
});
