import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { PAGE_PORT } from './env.ts';

// `npm start` itself (scripts/start.mjs), on ports of its own and an in-memory database so it
// runs next to a developer's demo: it serves the demo against the server it started, prints the
// URL and the seeded login, and leaves nothing listening after SIGTERM.

const DEMO_PORT = PAGE_PORT - 2;
const API_PORT = PAGE_PORT + 3598;
/** An app of the user's, on its own origin, that npm start is told to allow. */
const APP_ORIGIN = 'http://localhost:3999';

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
    ['scripts/start.mjs', '--port', String(DEMO_PORT), '--api-port', String(API_PORT), '--db', ':memory:', '--no-build',
      '--cors', APP_ORIGIN],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = collect(child);
  try {
    // Bounded generously: a loaded 2-core machine may take a while to hash the demo passwords.
    await expect.poll(output, { timeout: 80_000, message: 'the ready banner' }).toContain('Press Ctrl-C to stop.');
    expect(output()).toContain(`http://127.0.0.1:${DEMO_PORT}/`);
    // The first address in the output is the page to open (what a newcomer, or a script, picks).
    expect(/https?:\/\/[^\s]+/.exec(output())?.[0]).toBe(`http://127.0.0.1:${DEMO_PORT}/`);
    // The banner comes only once the server is ready, so it always names the seeded login.
    expect(output()).toMatch(/Demo login\s+\S+@\S+\s+\/\s+\S+/);
    expect(output()).not.toContain('see the seed lines');
    expect(output()).toContain(APP_ORIGIN);

    // --cors: the user's own page origin may call the server (CORS preflight answered for it).
    const preflight = await fetch(`http://127.0.0.1:${API_PORT}/api/v1/auth/signin`, {
      method: 'OPTIONS',
      headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    // The demo server also proxies the API, for pages that use their own origin as `api`.
    const proxied = await fetch(`http://127.0.0.1:${DEMO_PORT}/.well-known/jwks.json`);
    expect(proxied.status).toBe(200);
    expect(((await proxied.json()) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);

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

test('npm start picks a demo port no common dev server uses by default', async () => {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collect(child);
  expect(await exited(child)).toBe(0);
  const port = Number(/--port (\d+)/.exec(output())?.[1]);
  // Vite, Create React App/Next, Astro, Storybook, Angular, SvelteKit preview, common proxies.
  expect([5173, 4173, 3000, 4321, 6006, 4200, 8080, 8000, 5000]).not.toContain(port);
  expect(port).toBeGreaterThan(1024);
});
