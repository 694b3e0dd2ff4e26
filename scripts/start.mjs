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
const USAGE = `usage: npm start [-- --port 5173] [--api-port ${DEFAULT_API_PORT}] [--db .janua/janua.db] [--no-build]`;
const READY_TIMEOUT_MS = 30_000;

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
      port: { type: 'string', default: '5173' },
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
    '--cors', demoOrigins.join(','),
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
    // The server writes its banner (with the seeded login) right after it starts listening;
    // wait briefly for it so our summary can repeat the login.
    if (answeredAt && (demoLogin() || Date.now() - answeredAt > 2_000)) return true;
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
  staticServer = createStaticServer({ root: join(repoRoot, 'demo'), apiPort, demoLogin });
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
      login
        ? `  Demo login     ${login.email}  /  ${login.password}`
        : '  Demo login     see the seed lines the server printed above',
      '  Emails and codes the server "sends" are printed here and listed at ' + `${apiUrl}/api/v1/dev/outbox`,
      '',
      'Press Ctrl-C to stop.',
      '',
    ];
    console.log(lines.join('\n'));
  }
}
