import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JanuaError, parseRetryAfter } from '../../packages/core/src/index.ts';

const envelope = (error: Record<string, unknown>) => JSON.stringify({ error });

test('the documented error body becomes code, message, details and request id', () => {
  const e = JanuaError.fromBody(401, envelope({
    code: 'INVALID_CREDENTIALS', message: 'Invalid credentials', details: {}, request_id: 'req_1', timestamp: 't',
  }));
  assert.ok(e instanceof JanuaError && e instanceof Error);
  assert.equal(e.name, 'JanuaError');
  assert.equal(e.code, 'INVALID_CREDENTIALS');
  assert.equal(e.message, 'Invalid credentials');
  assert.equal(e.status, 401);
  assert.equal(e.requestId, 'req_1');
  assert.deepEqual(e.fieldErrors, {});
  assert.equal(e.retryAfter, null);
});

test('422 validation errors map to the first message per field', () => {
  const e = JanuaError.fromBody(422, envelope({
    code: 'VALIDATION_ERROR', message: 'Invalid input', request_id: 'r',
    details: {
      validation_errors: [
        { field: 'email', message: 'Enter a valid email', type: 'format' },
        { field: 'password', message: 'At least 8 characters', type: 'min_length' },
        { field: 'email', message: 'second message', type: 'other' },
        { nonsense: true },
        'not an object',
      ],
    },
  }));
  assert.equal(e.code, 'VALIDATION_ERROR');
  assert.deepEqual(e.fieldErrors, { email: 'Enter a valid email', password: 'At least 8 characters' });
});

test('Retry-After is read as seconds or as an HTTP date', () => {
  const e = JanuaError.fromBody(429, envelope({ code: 'RATE_LIMITED', message: 'Slow down' }), '17');
  assert.equal(e.retryAfter, 17);
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now), 30);
  assert.equal(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon', now), null);
  assert.equal(parseRetryAfter(null, now), null);
});

test('a body that is not the JSON envelope never reaches the message', () => {
  const html = '<html><body><h1>502 Bad Gateway</h1><pre>at Server.handle (/srv/app.js:1:1)</pre></body></html>';
  const cases: [number, string, string][] = [
    [502, html, 'INTERNAL_ERROR'],
    [503, 'upstream down', 'SERVICE_UNAVAILABLE'],
    [404, '', 'NOT_FOUND'],
    [429, '{"detail":"x"}', 'RATE_LIMITED'],
    [418, '{"error":"teapot"}', 'HTTP_ERROR'],
    [400, '{"error":{"code":42}}', 'BAD_REQUEST'],
    [500, 'null', 'INTERNAL_ERROR'],
  ];
  for (const [status, body, code] of cases) {
    const e = JanuaError.fromBody(status, body);
    assert.equal(e.code, code, body);
    assert.equal(e.status, status);
    assert.ok(!/[<>]|at Server|upstream|teapot/.test(e.message), e.message);
  }
});

test('fromResponse reads the body and the Retry-After header', async () => {
  const res = new Response(envelope({ code: 'RATE_LIMITED', message: 'Too many', details: {}, request_id: 'q' }), {
    status: 429, headers: { 'Retry-After': '5', 'Content-Type': 'application/json' },
  });
  const e = await JanuaError.fromResponse(res);
  assert.equal(e.code, 'RATE_LIMITED');
  assert.equal(e.retryAfter, 5);
  assert.equal(e.requestId, 'q');
});

test('network errors have status 0 and a safe JSON form', () => {
  const e = JanuaError.network(new TypeError('fetch failed'));
  assert.equal(e.code, 'NETWORK_ERROR');
  assert.equal(e.status, 0);
  const json = JSON.parse(JSON.stringify(e));
  assert.deepEqual(Object.keys(json).sort(), ['code', 'fieldErrors', 'message', 'requestId', 'retryAfter', 'status']);
  assert.equal(json.stack, undefined);
});

test('JanuaError.is recognizes copies from another bundle by shape', () => {
  const foreign = Object.assign(new Error('x'), { name: 'JanuaError', code: 'FORBIDDEN' });
  assert.equal(JanuaError.is(foreign), true);
  assert.equal(JanuaError.is(new Error('x')), false);
  assert.equal(JanuaError.is({ name: 'JanuaError', code: 'X' }), false);
});

test('err.is(code) tells one error code from another', () => {
  const limited = JanuaError.fromBody(429, envelope({ code: 'RATE_LIMITED', message: 'Slow down' }), '3');
  assert.equal(limited.is('RATE_LIMITED'), true);
  assert.equal(limited.is('rate_limited'), false);
  assert.equal(limited.is('INVALID_CREDENTIALS'), false);
  assert.equal(JanuaError.network(new TypeError('x')).is('NETWORK_ERROR'), true);
  // The static type guard keeps working beside it.
  assert.equal(JanuaError.is(limited), true);
});
