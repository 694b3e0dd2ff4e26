import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestApp } from '../../packages/server/src/testing.ts';

const t = createTestApp({ rateLimit: false });
const signup = (body: unknown, headers?: Record<string, string>) =>
  t.request('POST', '/api/v1/auth/signup', { body, ...(headers ? { headers } : {}) });

function assertErrorShape(res: { status: number; headers: Headers; body: any }, status: number, code: string) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error.code, code);
  assert.equal(typeof res.body.error.message, 'string');
  assert.equal(typeof res.body.error.details, 'object');
  assert.match(res.body.error.request_id, /^req_/);
  assert.equal(res.headers.get('x-request-id'), res.body.error.request_id);
  assert.ok(!Number.isNaN(Date.parse(res.body.error.timestamp)));
  assert.ok(!JSON.stringify(res.body).includes('    at '), 'no stack trace');
}

const fieldErrors = (res: { body: any }) =>
  Object.fromEntries(res.body.error.details.validation_errors.map((e: { field: string; type: string }) => [e.field, e.type]));

describe('422 VALIDATION_ERROR with field errors', () => {
  it('lists every missing required field', async () => {
    const res = await signup({});
    assertErrorShape(res, 422, 'VALIDATION_ERROR');
    assert.deepEqual(fieldErrors(res), { email: 'required', password: 'required' });
    for (const e of res.body.error.details.validation_errors) assert.equal(typeof e.message, 'string');
  });

  it('reports wrong types per field', async () => {
    const res = await signup({ email: 42, password: ['x'], first_name: {}, metadata: 'nope', locale: true });
    assertErrorShape(res, 422, 'VALIDATION_ERROR');
    assert.deepEqual(fieldErrors(res), { email: 'type', password: 'type', first_name: 'type', metadata: 'type', locale: 'type' });
  });

  it('refuses a body that is not an object', async () => {
    for (const body of ['[1,2]', '"text"', '17', 'null']) {
      const res = await signup(body);
      assertErrorShape(res, 422, 'VALIDATION_ERROR');
      assert.equal(res.body.error.details.validation_errors[0].field, 'body');
    }
  });

  it('refuses too long strings, a too short or too long password and oversized metadata', async () => {
    const res = await signup({
      email: `${'a'.repeat(250)}@x.io`,
      password: 'short',
      first_name: 'n'.repeat(101),
      username: 'u'.repeat(33),
      metadata: { blob: 'm'.repeat(5000) },
    });
    assertErrorShape(res, 422, 'VALIDATION_ERROR');
    assert.deepEqual(fieldErrors(res), { email: 'max_length', password: 'min_length', first_name: 'max_length', username: 'max_length', metadata: 'max_length' });
    const long = await signup({ email: 'ok@example.com', password: 'p'.repeat(129) });
    assert.deepEqual(fieldErrors(long), { password: 'max_length' });
  });

  it('refuses malformed emails, usernames and locales', async () => {
    for (const email of ['plain', 'a@b', '@example.com', 'a b@example.com', 'a@exa mple.com', 'a@@example.com', 'a@-x.com']) {
      const res = await signup({ email, password: 'Valid-password-1' });
      assertErrorShape(res, 422, 'VALIDATION_ERROR');
      assert.deepEqual(fieldErrors(res), { email: 'format' }, email);
    }
    // Older Japanese carriers' addresses break the dot-atom rule and still receive mail.
    for (const email of ['taro.@docomo.ne.jp', 'john..doe@ezweb.ne.jp']) {
      assert.equal((await signup({ email, password: 'Valid-password-1' })).status, 201, email);
    }
    const res = await signup({ email: 'fine@example.com', password: 'Valid-password-1', username: 'has space', locale: 'english!' });
    assert.deepEqual(fieldErrors(res), { username: 'format', locale: 'format' });
  });

  it('refuses control characters in emails, names and profile fields, but not in passwords', async () => {
    for (const email of ['a\u0000b@example.com', 'A\u0007@example.com', 'a\u007f@example.com']) {
      const res = await signup({ email, password: 'Valid-password-1' });
      assertErrorShape(res, 422, 'VALIDATION_ERROR');
      assert.deepEqual(fieldErrors(res), { email: 'format' }, JSON.stringify(email));
    }
    const names = await signup({ email: 'ctl@example.com', password: 'Valid-password-1', first_name: 'a\u0000b', last_name: 'c\nd' });
    assert.deepEqual(fieldErrors(names), { first_name: 'format', last_name: 'format' });
    const secret = await signup({ email: 'ctl2@example.com', password: 'Valid\u0001password-1' });
    assert.equal(secret.status, 201, 'a password is the user\'s secret, whatever it holds');
    const token = secret.body.tokens.access_token;
    const patch = await t.request('PATCH', '/api/v1/users/me', { token, body: { first_name: 'a\u0000\u0007b' } });
    assertErrorShape(patch, 422, 'VALIDATION_ERROR');
    assert.deepEqual(fieldErrors(patch), { first_name: 'format' });
  });

  it('refuses invisible characters in an email (it would display as another account\'s), keeps them in names', async () => {
    for (const email of ['de\u200bmo@example.com', 'demo\u00ad@example.com', 'de\u202emo@example.com', 'de\u2060mo@example.com',
      'e\u0301mile@example.com', 'de\u3164mo@example.com', 'demo\ufe0f@example.com', 'de\u034fmo@example.com']) {
      const res = await signup({ email, password: 'Valid-password-1' });
      assertErrorShape(res, 422, 'VALIDATION_ERROR');
      assert.deepEqual(fieldErrors(res), { email: 'format' }, JSON.stringify(email));
    }
    const persian = await signup({ email: 'zwnj@example.com', password: 'Valid-password-1', first_name: 'می\u200cخواهم' });
    assert.equal(persian.status, 201, 'a zero-width non-joiner is Persian spelling');
    assert.equal(persian.body.user.first_name, 'می\u200cخواهم');
    const unicode = await signup({ email: 'émile@example.com', password: 'Valid-password-1' });
    assert.equal(unicode.status, 201, 'a visible non-ASCII address stays valid');
  });

  it('accepts any well-formed BCP 47 locale, extensions included, and refuses malformed ones', async () => {
    let n = 0;
    for (const locale of ['en', 'pt-BR', 'zh-Hant-TW', 'en-US-u-hc-h23', 'de-DE-u-co-phonebk', 'en-x-acme']) {
      const res = await signup({ email: `locale${n++}@example.com`, password: 'Valid-password-1', locale });
      assert.equal(res.status, 201, `${locale}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.user.locale, locale);
    }
    for (const locale of ['english!', 'e', 'en--US', 'en_US', '-en']) {
      const res = await signup({ email: `bad-locale${n++}@example.com`, password: 'Valid-password-1', locale });
      assert.deepEqual(fieldErrors(res), { locale: 'format' }, locale);
    }
  });

  it('ignores unknown extra fields', async () => {
    const res = await signup({ email: 'extra@example.com', password: 'Valid-password-1', is_admin: true, email_verified: true });
    assert.equal(res.status, 201);
    assert.equal(res.body.user.email_verified, false);
  });

  it('sign-in needs an email or username and a password', async () => {
    const none = await t.request('POST', '/api/v1/auth/signin', { body: { password: 'whatever-1' } });
    assertErrorShape(none, 422, 'VALIDATION_ERROR');
    assert.deepEqual(fieldErrors(none), { email: 'required' });
    const nopw = await t.request('POST', '/api/v1/auth/signin', { body: { email: 'x@example.com' } });
    assert.deepEqual(fieldErrors(nopw), { password: 'required' });
    const typed = await t.request('POST', '/api/v1/auth/signin', { body: { email: ['x'], password: 1 } });
    assert.deepEqual(fieldErrors(typed), { email: 'type', password: 'type' });
  });

  it('PATCH /users/me validates too', async () => {
    const up = await t.signUp();
    const res = await t.request('PATCH', '/api/v1/users/me', { token: up.tokens!.access_token, body: { first_name: 5, username: 'x' } });
    assertErrorShape(res, 422, 'VALIDATION_ERROR');
    assert.deepEqual(fieldErrors(res), { first_name: 'type', username: 'min_length' });
  });
});

describe('malformed and oversized bodies', () => {
  it('answers malformed JSON with 400 INVALID_JSON', async () => {
    for (const body of ['{"email": "a@b.co",', '{email: 1}', "{'a':1}", '\u0000']) {
      assertErrorShape(await signup(body), 400, 'INVALID_JSON');
    }
  });

  it('answers a non-JSON content type with 415', async () => {
    const res = await signup('email=a@b.co&password=x', { 'content-type': 'application/x-www-form-urlencoded' });
    assertErrorShape(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a body over 64 KiB with 413 PAYLOAD_TOO_LARGE, declared or streamed', async () => {
    const huge = JSON.stringify({ email: 'big@example.com', password: 'Valid-password-1', first_name: 'x'.repeat(70_000) });
    assertErrorShape(await signup(huge), 413, 'PAYLOAD_TOO_LARGE');
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 100) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const req = new Request(`${t.issuer}/api/v1/auth/signup`, {
      method: 'POST', body: stream, headers: { 'content-type': 'application/json' }, duplex: 'half',
    } as RequestInit);
    const res = await t.fetch(req, { ip: '127.0.0.1' });
    assert.equal(res.status, 413);
    assert.ok(sent < 100, 'the server stopped reading at the limit');
    assert.equal((await res.json()).error.code, 'PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await t.request('GET', '/api/v1/nothing-here');
    assertErrorShape(res, 404, 'NOT_FOUND');
    assertErrorShape(await t.request('DELETE', '/api/v1/auth/me'), 404, 'NOT_FOUND');
  });

  it('answers a garbage Authorization header with 401, not 500', async () => {
    for (const authorization of ['Bearer', 'Bearer a.b.c', 'Basic Zm9vOmJhcg==', `Bearer ${'x'.repeat(5000)}`, 'Bearer eyJ.eyJ.sig']) {
      const res = await t.request('GET', '/api/v1/auth/me', { headers: { authorization } });
      assertErrorShape(res, 401, 'UNAUTHORIZED');
    }
  });
});
