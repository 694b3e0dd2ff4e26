#!/usr/bin/env node
// `npm start`: build what is stale, start the reference server on SQLite with demo data, serve
// the demo site, print where to go and how to sign in, and stop both cleanly on Ctrl-C.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureBuilt } from './ensure-built.mjs';
import { createStaticServer, DEFAULT_API_PORT, listen } from './static-server.mjs';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** Not 5173 (Vite), 3000, 4321 (Astro), 6006 (Storybook) or 8080: the demo must not collide with the app you build. */
const DEMO_PORT = '4780';
const USAGE = `usage: npm start [-- --port ${DEMO_PORT}] [--api-port ${DEFAULT_API_PORT}] [--db .janua/janua.db] [--cors origin,…] [--no-build]
  --cors   more page origins the reference server accepts (CORS and passkeys), e.g. --cors http://localhost:3000`;
/** A generous bound for a cold, loaded machine (key generation, scrypt per demo account). */
const READY_TIMEOUT_MS = 120_000;

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function parsePort(value, flag) {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) fail(`${flag} must be a port number (1-65535), got "${value}"\n${USAGE}`);
  return port;
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: DEMO_PORT },
      cors: { type: 'string', default: '' },
      'api-port': { type: 'string', default: String(DEFAULT_API_PORT) },
      db: { type: 'string', default: join('.janua', 'janua.db') },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  fail(`${error.message}\n${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = parsePort(values.port, '--port');
const apiPort = parsePort(values['api-port'], '--api-port');
if (port === apiPort) fail('--port and --api-port must differ');
const dbPath = values.db === ':memory:' ? ':memory:' : resolve(repoRoot, values.db);
// The demo is reachable under both loopback names; each must be an allowed CORS origin.
const demoOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
const extraOrigins = values.cors.split(',').map((o) => o.trim()).filter(Boolean);
for (const origin of extraOrigins) {
  let parsed;
  try {
    parsed = new URL(origin);
  } catch {
    fail(`--cors expects origins like http://localhost:3000, got "${origin}"`);
  }
  if (parsed.origin !== origin.replace(/\/+$/, '')) fail(`--cors expects bare origins (scheme, host, port), got "${origin}"`);
}
const apiUrl = `http://127.0.0.1:${apiPort}`;

// Said first, so the page to open is the first address in the output, before any build noise.
console.log(`npm start: the demo will be at http://127.0.0.1:${port}/ once it is built and started`);
if (!values['no-build']) {
  try {
    ensureBuilt(['server', 'kit'], { log: (line) => console.log(`npm start: ${line}`) });
  } catch (error) {
    fail(error.message);
  }
}
if (dbPath !== ':memory:') mkdirSync(resolve(dbPath, '..'), { recursive: true });

let stopping = false;
let staticServer = null;

const server = spawn(
  process.execPath,
  [
    join(repoRoot, 'packages/server/bin/janua-server.mjs'),
    '--port', String(apiPort),
    '--host', '127.0.0.1',
    '--db', dbPath,
    '--dev',
    '--seed',
    '--cors', [...demoOrigins, ...extraOrigins].join(','),
  ],
  { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
);
// The server's own log (including the outbox: verification links, codes) stays visible.
let serverLog = '';
server.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (serverLog.length < 64_000) serverLog += chunk.toString();
});
server.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(`npm start: the reference server exited (${signal ?? `code ${code}`}).` +
    (code !== 0 ? ` Is port ${apiPort} in use? Try \`npm start -- --api-port <port>\`.` : ''));
  shutdown(1);
});

async function waitForServer() {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let answeredAt = 0;
  while (Date.now() < deadline) {
    if (stopping) return false;
    if (!answeredAt) {
      try {
        const response = await fetch(`${apiUrl}/.well-known/openid-configuration`);
        if (response.ok) answeredAt = Date.now();
      } catch {
        // Not listening yet.
      }
    }
    // The server answers only once its keys and demo accounts exist, and prints its banner (with
    // the seeded login) right after: wait for that line, not for a guessed number of seconds.
    if (answeredAt && demoLogin()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** The seeded login as the server announced it, so this banner never drifts from the seed. */
function demoLogin() {
  const match = /demo login:\s*(\S+@\S+)\s+\/\s+(\S+)/i.exec(serverLog);
  return match ? { email: match[1], password: match[2] } : null;
}

function shutdown(code) {
  if (stopping) return;
  stopping = true;
  staticServer?.close();
  staticServer?.closeAllConnections();
  if (server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
    const force = setTimeout(() => server.kill('SIGKILL'), 5_000);
    force.unref();
    server.once('exit', () => process.exit(code));
  } else {
    process.exit(code);
  }
}
process.on('SIGINT', () => {
  console.log('\nnpm start: stopping…');
  shutdown(0);
});
process.on('SIGTERM', () => shutdown(0));

if (!(await waitForServer())) {
  if (!stopping) {
    console.error(`npm start: the reference server did not answer on ${apiUrl} within ${READY_TIMEOUT_MS / 1000} s.`);
    shutdown(1);
  }
} else {
  // proxyApi: pages may also use this origin as their `api` (docs/deployment.md, the same-origin set-up).
  staticServer = createStaticServer({ root: join(repoRoot, 'demo'), apiPort, demoLogin, proxyApi: true });
  try {
    await listen(staticServer, port, '127.0.0.1');
  } catch (error) {
    console.error(`npm start: cannot serve the demo on 127.0.0.1:${port} (${error.code ?? error.message}).` +
      ' Try `npm start -- --port <port>`.');
    staticServer = null;
    shutdown(1);
  }
  if (staticServer) {
    const login = demoLogin();
    const lines = [
      '',
      'Janua UI demo is running',
      `  Demo site      http://127.0.0.1:${port}/   (also http://localhost:${port}/)`,
      `  Dark theme     http://127.0.0.1:${port}/dark.html`,
      `  Auth server    ${apiUrl}   (SQLite: ${dbPath === ':memory:' ? 'in memory' : values.db})`,
      `  Demo login     ${login.email}  /  ${login.password}`,
      `  Allowed pages  ${[...demoOrigins, ...extraOrigins].join(', ')}   (add yours: npm start -- --cors <origin>)`,
      `  Same-origin    http://127.0.0.1:${port}/api/v1 is proxied to the auth server (api="http://127.0.0.1:${port}")`,
      '  Emails and codes the server "sends" are printed here and listed at ' + `${apiUrl}/api/v1/dev/outbox`,
      '',
      'Press Ctrl-C to stop.',
      '',
    ];
    console.log(lines.join('\n'));
  }
}
