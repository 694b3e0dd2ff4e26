import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createArgon2Hasher, startServer, type RunningServer } from '../../packages/server/src/node.ts';
import { createTestApp, TEST_HASH_PARAMS } from '../../packages/server/src/testing.ts';

/**
 * DNS rebinding: a page on attacker.example rebinds its name to 127.0.0.1 and, being same-origin
 * with itself, reads what a dev server answers (the outbox holds every account's sign-in links).
 * Its requests still carry `Host: attacker.example:<port>`, so a dev server answers only requests
 * addressed to its own names.
 */

interface Answer {
  status: number;
  body: any;
}

/** A raw HTTP request to 127.0.0.1 with the Host header a browser would send for `host`. */
function call(port: string, host: string, method: string, path: string, body?: unknown): Promise<Answer> {
  return new Promise((done, fail) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { host, origin: `http://${host}`, ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => done({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', fail);
    req.end(data);
  });
}

describe('a dev server on loopback', () => {
  let server: RunningServer;
  let port: string;

  before(async () => {
    server = await startServer({
      port: 0,
      db: ':memory:',
      dev: true,
      hasher: createArgon2Hasher(TEST_HASH_PARAMS),
      frontendUrl: 'http://app.test:5173',
      cors: ['http://pages.test:4780'],
      log: () => undefined,
    });
    port = new URL(server.url).port;
  });
  after(() => server.close());

  it('refuses requests for another host name with 403 in the API error shape, before any route runs', async () => {
    const evil = `attacker.example:${port}`;
    const asked = await call(port, evil, 'POST', '/api/v1/auth/magic-link', { email: 'victim@example.com' });
    assert.equal(asked.status, 403);
    assert.equal(asked.body.error.code, 'FORBIDDEN');
    assert.match(asked.body.error.request_id, /^req_/);
    assert.deepEqual(server.app.ctx.outbox.list('victim@example.com'), [], 'no link was sent');
    await server.app.ctx.outbox.send({ to: 'victim@example.com', subject: 'Sign in', text: 'a link', html: '<p>a link</p>', link: 'http://127.0.0.1/magic-link?token=secret' });
    for (const host of [evil, 'attacker.example', `127.0.0.1.attacker.example:${port}`, `localhost.attacker.example:${port}`, `[::2]:${port}`, `10.0.0.1:${port}`]) {
      const outbox = await call(port, host, 'GET', '/api/v1/dev/outbox?to=victim@example.com');
      assert.equal(outbox.status, 403, host);
      assert.equal(outbox.body.error.code, 'FORBIDDEN', host);
      assert.ok(!JSON.stringify(outbox.body).includes('secret'), host);
    }
    assert.equal((await call(port, evil, 'GET', '/.well-known/openid-configuration')).status, 403);
  });

  it('answers for loopback names, *.localhost and the configured front end, CORS and issuer hosts, on any port', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`, 'localhost:5173', `app.localhost:${port}`, 'app.test:5173', 'pages.test:4780', '127.0.0.1']) {
      const outbox = await call(port, host, 'GET', '/api/v1/dev/outbox');
      assert.equal(outbox.status, 200, `${host}: ${JSON.stringify(outbox.body)}`);
      assert.ok(Array.isArray(outbox.body), host);
    }
  });
});

describe('the Host check elsewhere', () => {
  it('is off for a server not in dev mode unless asked for', async () => {
    const server = await startServer({ port: 0, db: ':memory:', hasher: createArgon2Hasher(TEST_HASH_PARAMS), log: () => undefined });
    try {
      const port = new URL(server.url).port;
      assert.equal((await call(port, 'auth.example.com', 'GET', '/.well-known/openid-configuration')).status, 200);
    } finally {
      await server.close();
    }
    const guarded = await startServer({ port: 0, db: ':memory:', hasher: createArgon2Hasher(TEST_HASH_PARAMS), log: () => undefined, allowedHosts: ['auth.example.com'] });
    try {
      const port = new URL(guarded.url).port;
      assert.equal((await call(port, 'auth.example.com', 'GET', '/.well-known/openid-configuration')).status, 200);
      assert.equal((await call(port, `127.0.0.1:${port}`, 'GET', '/.well-known/openid-configuration')).status, 200);
      assert.equal((await call(port, 'other.example.com', 'GET', '/.well-known/openid-configuration')).status, 403);
    } finally {
      await guarded.close();
    }
  });

  it('is off for createApp hosts that do not ask for it (the in-browser server, tests through app.fetch)', async () => {
    const t = createTestApp({ issuer: 'http://janua.test' });
    const res = await t.app.fetch(new Request('http://janua.test/.well-known/openid-configuration', { headers: { host: 'anything.example' } }));
    assert.equal(res.status, 200);
  });
});
