#!/usr/bin/env node
// Load benchmark of the reference server: POST /auth/refresh, GET /auth/me, POST /auth/signin.
//
//   node scripts/bench-server.mjs [--duration 10] [--connections 10] [--only me,refresh,signin]
//                                 [--profile dir] [--write docs/performance.md]
//
// --only runs a subset (for measuring one change quickly); --profile starts the server under
// `node --cpu-prof` and leaves its .cpuprofile in that folder when the runs end.
//
// Builds and starts the real CLI on 127.0.0.1 with a fresh SQLite file (rate limits off, so the
// numbers measure the server and not its limiter), pinned to one CPU core where `taskset`
// exists; autocannon drives it from this process on another core. Each run is bounded by
// --duration. Nothing is written into the repository unless --write names a file.
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { scrypt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    write: { type: 'string' },
    only: { type: 'string', default: 'me,refresh,signin' },
    profile: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('usage: node scripts/bench-server.mjs [--duration seconds] [--connections n] [--only me,refresh,signin] [--profile dir] [--write docs/performance.md]');
  process.exit(0);
}
const duration = Number(values.duration);
const connections = Number(values.connections);
if (!(duration >= 1 && duration <= 120) || !(Number.isInteger(connections) && connections >= 1 && connections <= 200)) {
  console.error('bench-server: --duration must be 1–120 seconds and --connections 1–200');
  process.exit(2);
}
const only = new Set(values.only.split(',').map((s) => s.trim()));
for (const name of only) {
  if (!['me', 'refresh', 'signin'].includes(name)) {
    console.error(`bench-server: --only takes me, refresh and/or signin, got "${name}"`);
    process.exit(2);
  }
}
if (values.write && only.size < 3) {
  console.error('bench-server: --write needs every endpoint measured (leave out --only)');
  process.exit(2);
}
const profileDir = values.profile ? resolve(process.cwd(), values.profile) : null;

const hasTaskset = spawnSync('taskset', ['--version']).status === 0 && os.cpus().length >= 2;
const PASSWORD = 'Bench-password-2026';

function build() {
  const res = spawnSync(process.execPath, [join(root, 'scripts/build-server.mjs')], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`build failed:\n${res.stderr}`);
}

function startServer(db) {
  const bin = join(root, 'packages/server/bin/janua-server.mjs');
  const node = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const args = [...node, bin, '--port', '0', '--db', db, '--dev', '--no-rate-limit'];
  // The server on core 0 (with its libuv threads), this process and autocannon on core 1.
  const child = hasTaskset ? spawn('taskset', ['-c', '0', process.execPath, ...args]) : spawn(process.execPath, args);
  if (hasTaskset) spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${out}`)), 20_000);
    child.stdout.on('data', () => {
      const url = /Janua reference server on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        done({ child, url });
      }
    });
    child.once('exit', (code) => fail(new Error(`server exited with ${code}:\n${out}`)));
  });
}

async function post(url, body, headers = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** CPU seconds (user + system, every thread) the server process has used so far; null off Linux. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One bounded autocannon run; latencies are taken per response so that p95 is exact. */
function run(title, options) {
  const cpuBefore = cpuSeconds(server.child.pid);
  return new Promise((done, fail) => {
    const times = [];
    const statuses = new Map();
    const instance = autocannon({ connections, duration, pipelining: 1, ...options }, (error, result) => {
      if (error) return fail(error);
      times.sort((a, b) => a - b);
      const cpuAfter = cpuSeconds(server.child.pid);
      const cpuMs = cpuBefore === null || cpuAfter === null ? NaN : ((cpuAfter - cpuBefore) * 1000) / result.requests.total;
      done({
        cpuMs,
        capacity: 1000 / cpuMs,
        title,
        requests: result.requests.total,
        rps: result.requests.total / (result.duration || duration),
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        p99: percentile(times, 99),
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
        statuses: Object.fromEntries(statuses),
      });
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      times.push(ms);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
  });
}

function measureKdf(encoded) {
  const m = /^scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$/.exec(encoded);
  if (!m) throw new Error(`unexpected password hash format: ${encoded.slice(0, 20)}`);
  const [ln, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const N = 2 ** ln;
  const once = () =>
    new Promise((done, fail) => {
      const started = performance.now();
      scrypt('benchmark', 'salt-salt-salt-1', 32, { N, r, p, maxmem: 256 * N * r * p }, (err) => (err ? fail(err) : done(performance.now() - started)));
    });
  return (async () => {
    await once();
    const runs = [];
    for (let i = 0; i < 9; i++) runs.push(await once());
    runs.sort((a, b) => a - b);
    return { ln, N, r, p, memoryMiB: (128 * N * r) / 2 ** 20, ms: runs[4] };
  })();
}

const dir = mkdtempSync(join(os.tmpdir(), 'janua-bench-'));
const db = join(dir, 'bench.db');
let server;
try {
  build();
  server = await startServer(db);
  const api = `${server.url}/api/v1`;
  console.log(`server on ${server.url}${hasTaskset ? ' (pinned to CPU 0; load generator on CPU 1)' : ''}; ${connections} connections, ${duration} s per run`);

  // One account and one session per connection: each connection is a client refreshing its own session.
  const accounts = await Promise.all(
    Array.from({ length: connections }, (_, i) => post(`${api}/auth/signup`, { email: `bench${i}@example.test`, password: PASSWORD, first_name: 'Bench' })),
  );
  const file = new Database(db, { readonly: true });
  const encoded = file.prepare('SELECT password_hash FROM users LIMIT 1').get().password_hash;
  file.close();
  const kdf = await measureKdf(encoded);

  const results = [];
  const accessPool = accounts.map((a) => a.tokens.access_token);
  let nextAccess = 0;
  if (only.has('me')) results.push(await run('GET /auth/me', {
    url: `${api}/auth/me`,
    requests: [{
      method: 'GET',
      setupRequest: (req) => ({ ...req, headers: { authorization: `Bearer ${accessPool[nextAccess++ % accessPool.length]}` } }),
    }],
  }));

  // Refresh rotates: every answer carries the token for a next request, so this measures the
  // real path (hash lookup, spend, insert, session update, ES256 signature). autocannon gives
  // each request a fresh context, so the tokens live in one pool: a connection takes one for
  // its request and puts back the one the answer carries (answers are recorded before the
  // connection builds its next request, so the pool never runs dry).
  const refreshPool = accounts.map((a) => a.tokens.refresh_token);
  if (only.has('refresh')) results.push(await run('POST /auth/refresh', {
    url: `${api}/auth/refresh`,
    requests: [{
      method: 'POST',
      setupRequest: (req) => ({ ...req, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refresh_token: refreshPool.pop() }) }),
      onResponse: (status, body) => {
        if (status === 200) refreshPool.push(JSON.parse(body).refresh_token);
      },
    }],
  }));

  let nextLogin = 0;
  if (only.has('signin')) results.push(await run('POST /auth/signin', {
    url: `${api}/auth/signin`,
    requests: [{
      method: 'POST',
      setupRequest: (req) => ({
        ...req,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `bench${nextLogin++ % connections}@example.test`, password: PASSWORD }),
      }),
    }],
  }));

  const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
  const rows = results.map(
    (r) => `| \`${r.title}\` | ${r.requests} | ${fmt(r.rps, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.non2xx + r.errors} | ${fmt(r.cpuMs, 2)} | ${fmt(r.capacity, 0)} |`,
  );
  const table = [
    '| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | non-2xx / errors | server CPU ms / req | req/s per CPU-second |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
  const cpu = os.cpus();
  const machine = `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} logical CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) when the run ended`;
  const kdfLine = `scrypt N = 2^${kdf.ln} (${kdf.N}), r = ${kdf.r}, p = ${kdf.p}: ${kdf.memoryMiB} MiB per hash, ${fmt(kdf.ms)} ms per hash (median of 9, one thread)`;
  console.log(`\n${table}\n\nKDF: ${kdfLine}\nMachine: ${machine}\n${verdicts(results)}`);
  for (const r of results) if (r.non2xx + r.errors > 0) console.log(`  ${r.title}: statuses ${JSON.stringify(r.statuses)}, errors ${r.errors}`);

  if (values.write) {
    const target = resolve(process.cwd(), values.write);
    writeFileSync(target, report({ table, kdfLine, machine, pinned: hasTaskset, verdicts: verdicts(results) }));
    console.log(`\nwrote ${target}`);
  }
} finally {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    // The server writes its profile while it exits, so wait for that before going on.
    const exited = new Promise((done) => server.child.once('exit', done));
    server.child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
}

/** The issue's target, checked: ≥ 2,000 req/s on one core with p95 < 10 ms for refresh and me. */
function verdicts(results) {
  return results
    .filter((r) => r.title !== 'POST /auth/signin')
    .map((r) => {
      const met = r.rps >= 2000 && r.p95 < 10;
      return `- \`${r.title}\`: ${met ? 'met' : 'missed'} (${r.rps.toFixed(0)} req/s, p95 ${r.p95.toFixed(1)} ms; ${r.capacity.toFixed(0)} req/s per CPU-second)`;
    })
    .join('\n');
}

function report({ table, kdfLine, machine, pinned, verdicts }) {
  return `# Reference server performance

Measured with \`npm run bench:server\` (that is \`node scripts/bench-server.mjs\`; add
\`--write docs/performance.md\` to regenerate this file). The script builds the CLI, starts it
on 127.0.0.1 with a fresh SQLite file (WAL, \`synchronous=NORMAL\`) and \`--dev --no-rate-limit\`
(so the limiter does not answer in the server's place)${pinned ? ', pins it to one CPU core with `taskset -c 0` (its libuv thread pool included) and drives it with autocannon from the other core' : ''}.
Each run lasts ${duration} s with ${connections} connections, one request at a time per connection.
Latency percentiles are exact, from every response's time. The last two columns come from the
server process's own CPU time (\`/proc/<pid>/stat\`, all its threads) over the run: what one
request costs, and so how many one fully available core could answer. On a shared machine that
figure is steadier than req/s, which also depends on how much of its core the server was given.

${table}

- \`GET /auth/me\`: the ES256 access token is verified once (algorithm, \`typ\`, issuer,
  audience, expiry pinned; the public key imported once per \`kid\`) and then remembered until
  it expires; every request still reads the session (so revocation is immediate) and the user:
  two primary-key lookups through cached prepared statements.
- \`POST /auth/refresh\`: the real rotation path. Every request presents a token no one has
  used yet, the one a previous answer carried, as a client chaining refreshes would.
  Per request: SHA-256 of the token, a lookup by hash, one write transaction (spend the old
  token, insert the new one, extend the session) and a new ES256 access token.
- \`POST /auth/signin\`: bounded by the password KDF, by design. ${kdfLine}.
  On one core the ceiling is about 1000 / (ms per hash) sign-ins per second, whatever else the
  server does; latency under load is queueing behind the KDF.

Target (issue 3): refresh and me ≥ 2,000 req/s on one core with p95 < 10 ms. In this run:

${verdicts}

## Where the time goes, and what was done about it

Profiled with \`node --cpu-prof\` (and \`perf\`) on the built server under the same load. Fixed
along the way, roughly halving the cost of both calls:

- Hono copies the whole \`Response\` each time a header is set on a finished answer, and the
  common headers (request id, CSP, CORS, …) were set that way, seven or eight per request.
  They are now prepared before the route runs, so each answer is built once.
- A JSON body with a declared length is read in one go; the Node adapter then skips building a
  full \`Request\` and a stream for it (bodies without a length still stream, cut off at the limit).
- An access token whose signature has checked out is remembered until it expires, so
  \`/auth/me\` does no ECDSA work after the first call with a token; it still reads the session
  every time, so revocation stays immediate.
- SHA-256 and ES256 signing go through \`node:crypto\` synchronously where the runtime has it,
  instead of Web Crypto's thread-pool round trip (the browser build keeps Web Crypto and jose).
- Already so before: prepared statements cached per SQL text, keys imported once per \`kid\`,
  JWKS read from the table at most every five seconds.

\`/auth/refresh\` still costs several times \`/auth/me\` because it is a write: about a third of
its busy CPU is the SQLite transaction (BEGIN IMMEDIATE, look up the token by hash, read the
session, spend the old token, insert the new one with its two index entries, extend the
session, COMMIT to the WAL), about a sixth the new ES256 access token (signature, JSON,
base64url, a fresh \`jti\`), about a seventh writing the answer with its \`Set-Cookie\`, and the
rest routing, the organization claim lookup and the user read. No single part dominates any
more; reaching 2,000/s on one core would take batching commits across requests (group commit)
or a leaner HTTP layer than Hono on the Node adapter, which we have not done. Every refresh is
committed to the WAL before it is answered, so a killed process loses none
(\`tests/server/fault.test.ts\` kills one mid-load).
`;
}
