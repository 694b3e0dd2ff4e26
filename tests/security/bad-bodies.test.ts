/**
 * Bad bodies on every mutating route: the routes come from the served OpenAPI document (held to
 * the app's routes both ways by tests/server/openapi.test.ts), so a route added later is
 * attacked here with no edit. Each gets malformed JSON, wrong types, huge and deep values, lone
 * surrogates and prototype keys, signed in and not: never a 5xx, always the error shape, and
 * nothing written.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OPERATIONS } from '../../packages/server/src/openapi/paths.ts';
import { createTestApp } from '../../packages/server/src/testing.ts';
import { snapshot } from './helpers.ts';

const deep = (n: number): unknown => (n === 0 ? 'x' : { a: deep(n - 1) });

/** Raw bodies (strings are sent as they are) and JSON values. */
const BODIES: { label: string; raw: string; type?: string }[] = [
  { label: 'malformed JSON', raw: '{"email": ' },
  { label: 'truncated string', raw: '{"email":"a' },
  { label: 'JSON array', raw: '[]' },
  { label: 'JSON string', raw: '"hello"' },
  { label: 'JSON null', raw: 'null' },
  { label: 'number', raw: '12345678901234567890' },
  { label: 'form-encoded', raw: 'email=a%40b.c&password=x', type: 'application/x-www-form-urlencoded' },
  { label: 'text/plain', raw: '{"email":"a@b.c"}', type: 'text/plain' },
  { label: 'invalid UTF-8', raw: '\u00ff\u00fe' },
  { label: 'every field the wrong type', raw: JSON.stringify(Object.fromEntries(['email', 'password', 'token', 'code', 'name', 'slug', 'role', 'mfa_token', 'refresh_token', 'new_password', 'current_password', 'credential', 'organization_id', 'organization_slug', 'first_name', 'metadata', 'domains', 'issuer', 'client_id', 'phone_number', 'method', 'redirect_url', 'return_url'].map((k) => [k, { $ne: 1 }]))) },
  { label: 'numbers and booleans', raw: JSON.stringify({ email: 1, password: true, token: 0, code: [], name: false, slug: 1, role: 2, metadata: 'x', domains: 'corp.test' }) },
  { label: 'prototype keys', raw: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}, "email": "a@b.c"}' },
  { label: 'lone surrogates', raw: '{"email":"a\\ud800@b.c","password":"\\udc00\\udc00\\udc00\\udc00x","name":"\\ud800","token":"\\udfff","code":"\\ud800"}' },
  { label: 'control characters', raw: JSON.stringify({ email: 'a\u0000@b.c', name: 'x\r\nBcc: y', slug: 'a\u0007', first_name: '\u001b[31m' }) },
  { label: 'very long strings', raw: JSON.stringify({ email: `${'a'.repeat(20_000)}@b.c`, password: 'p'.repeat(20_000), token: 't'.repeat(20_000), name: 'n'.repeat(20_000), code: '1'.repeat(20_000) }) },
  { label: 'deep nesting', raw: JSON.stringify({ metadata: deep(2000), credential: deep(2000), email: 'a@b.c' }) },
  { label: 'over the body limit', raw: JSON.stringify({ email: 'a@b.c', pad: 'x'.repeat(70 * 1024) }) },
];

const MUTATING = Object.keys(OPERATIONS).filter((k) => /^(POST|PUT|PATCH|DELETE) /.test(k));

describe('bad bodies on every mutating route', () => {
  it(`${MUTATING.length} routes × ${BODIES.length} bodies × signed in and not: no 5xx, the error shape, nothing written`, async () => {
    const t = createTestApp({ rateLimit: false, frontendUrl: 'http://localhost:5173' });
    const up = await t.signUp();
    let access = up.tokens!.access_token;
    const org = await t.request('POST', '/api/v1/organizations/', { token: up.tokens!.access_token, body: { name: 'Org', slug: 'bad-bodies' } });
    const ids: Record<string, string> = { id: org.body.id, user_id: up.user.id, provider: 'google', token: 'x'.repeat(43) };
    let requests = 0;
    for (const key of MUTATING) {
      const [method, template] = key.split(' ') as [string, string];
      const path = `/api/v1${template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'unknown')}`;
      for (const body of BODIES) {
        for (const token of [access, undefined]) {
          const before = snapshot(t);
          const res = await t.request(method, path, { body: body.raw, ...(token ? { token } : {}), headers: { 'content-type': body.type ?? 'application/json' } });
          requests++;
          const label = `${method} ${path} (${body.label}, ${token ? 'signed in' : 'anonymous'})`;
          assert.ok(res.status < 500, `${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          if (res.status >= 400) {
            assert.equal(typeof res.body?.error?.code, 'string', `${label}: the error shape`);
            assert.equal(typeof res.body.error.request_id, 'string');
            assert.equal(snapshot(t), before, `${label}: nothing written`);
          }
          // A body-less route that succeeded (sign-out, say) may have ended the session: sign in again.
          if (token && (await t.request('GET', '/api/v1/auth/me', { token })).status === 401) {
            access = (await t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: up.password } })).body.tokens.access_token;
          }
        }
      }
    }
    assert.ok(requests > 1000, `${requests} requests`);
    assert.equal(({} as Record<string, unknown>)['admin'], undefined, 'no prototype was polluted');
  });
});
