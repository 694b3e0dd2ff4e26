import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

/**
 * The crash test of issue 3: the CLI on a SQLite file under sign-up load, killed with SIGKILL
 * mid-load, restarted on the same file. Nothing a client was told succeeded may be lost, and
 * nothing may be half made. The production KDF is used, so the load is what a real server sees.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'packages/server/src/cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'janua-fault-'));
const db = join(dir, 'fault.db');
const PASSWORD = 'Fault-tolerant-9';
const LOOPS = 4;
const MAX_REQUESTS = 400;
const LOAD_LIMIT_MS = 20_000;
/** Kill once this many sign-ups have been answered 201 (or at the time limit), with requests still in flight. */
const KILL_AFTER_CREATED = 12;

let child: ChildProcessWithoutNullStreams | null = null;
after(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function start(): Promise<{ proc: ChildProcessWithoutNullStreams; url: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--db', db, '--dev', '--no-rate-limit'], { cwd: root });
  child = proc;
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${out}`)), 20_000);
    proc.stdout.on('data', () => {
      const url = /Janua reference server on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        done({ proc, url });
      }
    });
    proc.once('exit', (code) => fail(new Error(`server exited with ${code}:\n${out}`)));
  });
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('kill -9 during sign-up load', () => {
  it('loses no confirmed sign-up, half-makes none, and the file passes integrity_check', async () => {
    const first = await start();
    const created: string[] = [];
    const unanswered: string[] = [];
    let sent = 0;
    let inFlight = 0;
    let killed = false;
    const started = Date.now();

    const kill = () => {
      if (killed) return;
      killed = true;
      assert.ok(inFlight > 0, 'the kill lands mid-load');
      first.proc.kill('SIGKILL');
    };
    const loop = async (n: number) => {
      for (let i = 0; !killed && sent < MAX_REQUESTS && Date.now() - started < LOAD_LIMIT_MS; i++) {
        const email = `load.${n}.${i}@example.test`;
        sent++;
        inFlight++;
        try {
          const res = await post(`${first.url}/api/v1/auth/signup`, { email, password: PASSWORD, first_name: `Loop ${n}` });
          if (res.status === 201) created.push(email);
          else assert.fail(`sign-up answered ${res.status}: ${await res.text()}`);
          await res.body?.cancel().catch(() => undefined);
        } catch (error) {
          if (!killed) throw error;
          unanswered.push(email);
        } finally {
          inFlight--;
        }
        if (created.length >= KILL_AFTER_CREATED) kill();
      }
    };
    const timer = setTimeout(kill, LOAD_LIMIT_MS - 2_000);
    await Promise.all(Array.from({ length: LOOPS }, (_, n) => loop(n)));
    clearTimeout(timer);
    kill();
    await new Promise<void>((done) => (first.proc.exitCode !== null || first.proc.signalCode !== null ? done() : first.proc.once('exit', () => done())));
    assert.equal(first.proc.signalCode, 'SIGKILL');
    assert.ok(created.length >= 4, `only ${created.length} sign-ups before the kill`);
    assert.ok(sent <= MAX_REQUESTS);

    // Opened as the next start would: the write-ahead log is replayed, then the whole file is checked.
    const file = new Database(db);
    try {
      assert.deepEqual(file.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
      assert.deepEqual(file.pragma('foreign_key_check'), []);
      const users = file.prepare("SELECT id, email, password_hash FROM users WHERE email LIKE 'load.%'").all() as { id: string; email: string; password_hash: string | null }[];
      const emails = new Set(users.map((u) => u.email));
      for (const email of created) assert.ok(emails.has(email), `confirmed sign-up ${email} survived`);
      for (const email of emails) assert.ok(created.includes(email) || unanswered.includes(email), `${email} was asked for`);
      const sessions = file.prepare('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?');
      const tokens = file.prepare('SELECT COUNT(*) AS n FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id WHERE s.user_id = ?');
      for (const user of users) {
        assert.match(user.password_hash ?? '', /^\$argon2id\$v=19\$m=65536,t=3,p=1\$[\w+/]{22}\$[\w+/]{43}$/, `${user.email} has its whole password hash`);
        assert.equal((sessions.get(user.id) as { n: number }).n, 1, `${user.email} has its session`);
        assert.equal((tokens.get(user.id) as { n: number }).n, 1, `${user.email} has its refresh token`);
      }
    } finally {
      file.close();
    }

    const second = await start();
    try {
      const queue = [...created];
      const signIn = async () => {
        for (let email = queue.shift(); email; email = queue.shift()) {
          const res = await post(`${second.url}/api/v1/auth/signin`, { email, password: PASSWORD });
          assert.equal(res.status, 200, `${email} signs in after the restart`);
          assert.equal((await res.json()).user.email, email);
        }
      };
      await Promise.all(Array.from({ length: LOOPS }, signIn));
    } finally {
      second.proc.kill('SIGTERM');
      await new Promise((done) => second.proc.once('exit', done));
      child = null;
    }
  });
});
