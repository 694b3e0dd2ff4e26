import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createArgon2Hasher, startServer } from '../../packages/server/src/node.ts';
import { TEST_HASH_PARAMS } from '../../packages/server/src/testing.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'packages/server/bin/janua-server.mjs');
const dir = mkdtempSync(join(tmpdir(), 'janua-cli-'));
const ALLOWED = 'http://localhost:5173';

interface Running {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: () => string;
}

/** Starts the built CLI and waits for the line that prints its URL. */
function startCli(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [bin, '--port', '0', ...args], { cwd: dir });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`CLI did not start:\n${out}`)), 15_000);
    child.stdout.on('data', () => {
      const url = /Janua reference server on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        done({ child, url, output: () => out });
      }
    });
    child.on('exit', (code) => fail(new Error(`CLI exited with ${code}:\n${out}`)));
  });
}

function stop(running: Running): Promise<number | null> {
  return new Promise((done) => {
    running.child.once('exit', (code) => done(code));
    running.child.kill('SIGTERM');
  });
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

before(() => {
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-server.mjs')], { encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('janua-server CLI over real HTTP (SQLite file, 127.0.0.1)', () => {
  const db = join(dir, 'cli.db');
  let server: Running;
  before(async () => {
    server = await startCli(['--db', db, '--dev', '--seed', '--cors', ALLOWED]);
  });

  it('prints the URL on 127.0.0.1 and the demo login', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(server.output(), /demo@janua\.dev \/ Demo-password-2026/);
  });

  it('signs in the seeded user, then restores through the cookie with Origin and X-Janua-Client', async () => {
    const signin = await post(`${server.url}/api/v1/auth/signin`, { email: 'demo@janua.dev', password: 'Demo-password-2026' });
    assert.equal(signin.status, 200);
    const body = await signin.json();
    assert.equal(body.user.first_name, 'Demo');
    const cookie = signin.headers.getSetCookie()[0]!.split(';')[0]!;
    assert.match(cookie, /^janua_refresh_token=/);

    const refused = await post(`${server.url}/api/v1/auth/refresh`, {}, { cookie, origin: ALLOWED });
    assert.equal(refused.status, 403);
    assert.equal((await refused.json()).error.code, 'FORBIDDEN');
    const foreign = await post(`${server.url}/api/v1/auth/refresh`, {}, { cookie, origin: 'https://evil.example', 'x-janua-client': '1' });
    assert.equal(foreign.status, 403);

    const ok = await post(`${server.url}/api/v1/auth/refresh`, {}, { cookie, origin: ALLOWED, 'x-janua-client': '1' });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), ALLOWED);
    assert.equal(ok.headers.get('access-control-allow-credentials'), 'true');
    const tokens = await ok.json();
    const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(me.status, 200);
    assert.equal((await me.json()).email, 'demo@janua.dev');
  });

  it('signs up over HTTP and answers 413 for a declared huge body', async () => {
    const up = await post(`${server.url}/api/v1/auth/signup`, { email: 'net@example.com', password: 'Valid-password-1' });
    assert.equal(up.status, 201);
    const big = await fetch(`${server.url}/api/v1/auth/signin`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(100_000),
    });
    assert.equal(big.status, 413);
    const error = (await big.json()).error;
    assert.equal(error.code, 'PAYLOAD_TOO_LARGE');
    assert.equal(big.headers.get('x-request-id'), error.request_id, 'the early 413 carries the usual headers');
    assert.equal(big.headers.get('x-content-type-options'), 'nosniff');
  });

  it('serves the dev outbox in dev mode', async () => {
    const res = await fetch(`${server.url}/api/v1/dev/outbox?to=net@example.com`);
    assert.equal(res.status, 200);
    assert.equal((await res.json()).length, 1);
  });

  it('closes cleanly on SIGTERM, and a restart keeps users and the signing key; seeding is idempotent', async () => {
    const kid = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()).keys[0].kid;
    assert.equal(await stop(server), 0);
    const again = await startCli(['--db', db, '--seed']);
    try {
      const jwks = await (await fetch(`${again.url}/.well-known/jwks.json`)).json();
      assert.deepEqual(jwks.keys.map((k: { kid: string }) => k.kid), [kid]);
      const signin = await post(`${again.url}/api/v1/auth/signin`, { email: 'net@example.com', password: 'Valid-password-1' });
      assert.equal(signin.status, 200);
      const demo = await post(`${again.url}/api/v1/auth/signin`, { email: 'demo@janua.dev', password: 'Demo-password-2026' });
      assert.equal(demo.status, 200);
      assert.equal((await fetch(`${again.url}/api/v1/dev/outbox`)).status, 404, 'no dev endpoints without --dev');
    } finally {
      assert.equal(await stop(again), 0);
    }
  });
});

describe('janua-server refuses bad starts', () => {
  it('refuses dev mode on a non-loopback host', () => {
    const res = spawnSync(process.execPath, [bin, '--dev', '--host', '0.0.0.0', '--db', ':memory:', '--port', '0'], { encoding: 'utf8' });
    assert.equal(res.status, 1);
    assert.match(res.stderr, /Refusing to start in dev mode on 0\.0\.0\.0/);
  });

  it('explains bad arguments with exit code 2', () => {
    for (const args of [['--port', 'abc'], ['--bogus'], ['--cors', 'not a url']]) {
      const res = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
      assert.equal(res.status, 2, args.join(' '));
      assert.match(res.stderr, /janua-server: .+\n\nUsage: janua-server/);
    }
  });
});

describe('startServer', () => {
  it('serves on 127.0.0.1 by default with SQLite in memory and closes', async () => {
    // The CLI tests above use the production KDF; here a cheaper one keeps the suite quick.
    const server = await startServer({ port: 0, db: ':memory:', dev: true, seed: true, hasher: createArgon2Hasher(TEST_HASH_PARAMS) });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.deepEqual(server.seeded.sort(), ['ada@janua.dev', 'demo@janua.dev', 'mfa@janua.dev']);
      const res = await post(`${server.url}/api/v1/auth/signin`, { username: 'demo', password: 'Demo-password-2026' });
      assert.equal(res.status, 200);
      const sid = JSON.parse(Buffer.from((await res.json()).tokens.access_token.split('.')[1], 'base64url').toString()).sid;
      assert.equal(server.app.ctx.sessions.sessions.get(sid)!.ip_address, '127.0.0.1');
    } finally {
      await server.close();
    }
    await assert.rejects(fetch(`${server.url}/.well-known/jwks.json`));
  });
});
