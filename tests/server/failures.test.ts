import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createApp } from '../../packages/server/src/app.ts';
import { createArgon2Hasher } from '../../packages/server/src/node.ts';
import { createSqliteStore } from '../../packages/server/src/sqlite-store.ts';
import { createTestApp, TEST_HASH_PARAMS } from '../../packages/server/src/testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'janua-fail-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('failures answer in the error shape, never with a stack', () => {
  it('an unexpected exception becomes 500 INTERNAL_ERROR, logged on the server only', async () => {
    const logged: string[] = [];
    const t = createTestApp({
      log: (line) => logged.push(line),
      hasher: { hash: async () => { throw new Error('disk on fire'); }, verify: async () => false },
    });
    const res = await t.request('POST', '/api/v1/auth/signup', { body: { email: 'x@example.com', password: 'Valid-password-1' } });
    assert.equal(res.status, 500);
    assert.equal(res.body.error.code, 'INTERNAL_ERROR');
    assert.ok(!JSON.stringify(res.body).includes('disk on fire'));
    assert.ok(logged.some((l) => l.includes('disk on fire') && l.includes(res.body.error.request_id)));
  });

  it('deeply nested JSON is a field error, not a crash', async () => {
    const t = createTestApp();
    const body = `{"email":"deep@example.com","password":"Valid-password-1","metadata":{"x":${'['.repeat(30_000)}${']'.repeat(30_000)}}}`;
    const res = await t.request('POST', '/api/v1/auth/signup', { body });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.details.validation_errors[0].field, 'metadata');
  });

  it('a failing mail transport does not undo or fail the sign-up', async () => {
    const t = createTestApp({ mailer: { send: () => { throw new Error('smtp down'); } } });
    const res = await t.request('POST', '/api/v1/auth/signup', { body: { email: 'm@example.com', password: 'Valid-password-1' } });
    assert.equal(res.status, 201);
    assert.equal(t.outbox.list('m@example.com').length, 1);
  });

  it('a locked SQLite database answers 503 with Retry-After and writes nothing', async () => {
    const path = join(dir, 'busy.db');
    const store = createSqliteStore(path, { busyTimeoutMs: 50 });
    const app = createApp({ store, hasher: createArgon2Hasher(TEST_HASH_PARAMS), issuer: 'http://127.0.0.1:1', log: () => undefined, rateLimit: false });
    await app.ready;
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const res = await app.fetch(new Request('http://127.0.0.1:1/api/v1/auth/signup', json({ email: 'busy@example.com', password: 'Valid-password-1' })));
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '1');
      assert.equal((await res.json()).error.code, 'SERVICE_UNAVAILABLE');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    assert.equal(app.ctx.users.count(), 0);
    assert.equal(app.ctx.sessions.sessions.count(), 0);
    const retry = await app.fetch(new Request('http://127.0.0.1:1/api/v1/auth/signup', json({ email: 'busy@example.com', password: 'Valid-password-1' })));
    assert.equal(retry.status, 201);
    store.close();
  });
});
