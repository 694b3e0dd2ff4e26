import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';

// `npm start` itself (scripts/start.mjs), on ports of its own and an in-memory database so it
// runs next to a developer's demo: it serves the demo against the server it started, prints the
// URL and the seeded login, and leaves nothing listening after SIGTERM.

const DEMO_PORT = 5197;
const API_PORT = 8797;

function collect(child: ChildProcess): () => string {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return () => output;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

async function isListening(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

test('npm start serves the demo against its own server, then stops both on SIGTERM', async () => {
  test.setTimeout(90_000);
  const child = spawn(
    process.execPath,
    ['scripts/start.mjs', '--port', String(DEMO_PORT), '--api-port', String(API_PORT), '--db', ':memory:', '--no-build'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = collect(child);
  try {
    await expect.poll(output, { timeout: 45_000, message: 'the ready banner' }).toContain('Press Ctrl-C to stop.');
    expect(output()).toContain(`http://127.0.0.1:${DEMO_PORT}/`);
    // The first address in the output is the page to open (what a newcomer, or a script, picks).
    expect(/https?:\/\/[^\s]+/.exec(output())?.[0]).toBe(`http://127.0.0.1:${DEMO_PORT}/`);
    expect(output()).toMatch(/Demo login\s+\S+@\S+\s+\/\s+\S+/);

    const page = await fetch(`http://127.0.0.1:${DEMO_PORT}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    // The demo's CSP names the default API port; the server moves it to the one in use.
    expect(html).toContain(`connect-src 'self' http://127.0.0.1:${API_PORT} http://localhost:${API_PORT}`);
    const config = await (await fetch(`http://127.0.0.1:${DEMO_PORT}/config.js`)).text();
    expect(config).toContain(`export const api = "http://127.0.0.1:${API_PORT}"`);
    expect(config).toMatch(/export const demoLogin = \{"email":"[^"]+","password":"[^"]+"\}/);

    // The seeded login works against the server npm start launched.
    const login = JSON.parse(/export const demoLogin = (\{.*\});/.exec(config)![1]!) as { email: string; password: string };
    const signIn = await fetch(`http://127.0.0.1:${API_PORT}/api/v1/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(login),
    });
    expect(signIn.status).toBe(200);
    expect(((await signIn.json()) as { user: { email: string } }).user.email).toBe(login.email);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited(child)).toBe(0);
  expect(await isListening(`http://127.0.0.1:${DEMO_PORT}/`)).toBe(false);
  expect(await isListening(`http://127.0.0.1:${API_PORT}/.well-known/jwks.json`)).toBe(false);
});

test('npm start refuses a bad port with one clear line and no stack trace', async () => {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--port', 'eighty', '--no-build'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collect(child);
  expect(await exited(child)).toBe(1);
  expect(output()).toContain('--port must be a port number');
  expect(output()).not.toMatch(/\n\s+at /);
});
