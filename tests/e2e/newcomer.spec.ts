import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
// @ts-expect-error plain ESM script without types
import { createStaticServer, listen } from '../../scripts/static-server.mjs';
import { API_PORT, PAGE_PORT } from './env.ts';
import { expect, expectNoAxeViolations, strongPassword, test, uniqueEmail } from './support.ts';

// What a newcomer meets once they leave the bundled demo: their own origin, another site, an
// outage, a sign-in page visited while signed in. Each case says what is wrong, or just works.

const consoleWarnings = (page: Page): string[] => {
  const seen: string[] = [];
  page.on('console', (m) => { if (m.type() === 'warning') seen.push(m.text()); });
  return seen;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s: Server = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function servePages(apiPort: number): Promise<{ url: string; close(): void }> {
  const server = createStaticServer({ root: 'tests/e2e/pages', apiPort });
  const url = await listen(server, await freePort(), '127.0.0.1');
  return { url, close: () => { server.close(); server.closeAllConnections(); } };
}

async function signUpThroughThePage(page: Page, email: string, password: string): Promise<void> {
  const form = page.locator('janua-sign-up form');
  await form.getByLabel('Email address').fill(email);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Create account' }).click();
}

test('a page on an origin the server does not allow is told the likely causes, and the console says what to allow', async ({ page }) => {
  const site = await servePages(API_PORT);
  try {
    const warnings = consoleWarnings(page);
    await page.goto(`${site.url}/standalone.html`);
    const card = page.locator('janua-sign-in');
    await expect(card).toContainText('may not accept requests from this page');
    await card.getByLabel('Email address').fill('ada@example.com');
    await card.getByLabel('Password', { exact: true }).fill('whatever-password-1');
    await card.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(card).toContainText('It may be down, or it may not accept requests from this page.');
    await expect.poll(() => warnings.join('\n')).toContain(`--cors ${site.url}`);
    await expectNoAxeViolations(page, 'CORS refused');
  } finally {
    site.close();
  }
});

test('a page on another site than the API is warned at load, and the lost session is explained after a reload', async ({ page }) => {
  const warnings = consoleWarnings(page);
  // localhost and 127.0.0.1 are different sites: the page is served under the first, the API
  // under the second (allowed by CORS, so sign-up works; the cookie still cannot come back).
  await page.goto(`http://localhost:${PAGE_PORT}/index.html`);
  await expect.poll(() => warnings.join('\n')).toContain('are on different sites');
  await signUpThroughThePage(page, uniqueEmail('xsite'), strongPassword());
  await expect(page.locator('janua-signed-in janua-user-name')).toBeVisible();
  await page.reload();
  await expect(page.locator('janua-sign-in form')).toBeVisible();
  await expect.poll(() => warnings.join('\n')).toContain('did not send the session cookie');
  expect(warnings.filter((w) => w.includes('did not send the session cookie'))).toHaveLength(1);
});

test('the same page with the API proxied on its own origin keeps the session across a reload', async ({ page }) => {
  const warnings = consoleWarnings(page);
  await page.goto(`http://localhost:${PAGE_PORT}/proxied.html`);
  const email = uniqueEmail('proxied');
  await signUpThroughThePage(page, email, strongPassword());
  const name = page.locator('janua-signed-in janua-user-name');
  await expect(name).toContainText(email);
  await page.reload();
  await expect(name).toContainText(email);
  expect(warnings.filter((w) => w.includes('[janua]'))).toEqual([]);
});

test('a signed-out visit logs no failed request in the console', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto('/index.html');
  await expect(page.locator('janua-sign-in form')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a sign-in page visited while signed in shows who is signed in, with continue and sign out', async ({ page }) => {
  await page.goto('/proxied.html');
  const email = uniqueEmail('standalone');
  await signUpThroughThePage(page, email, strongPassword());
  await expect(page.locator('janua-signed-in janua-user-name')).toContainText(email);
  await page.goto('/standalone.html');
  const card = page.locator('janua-sign-in');
  await expect(card.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await expect(card).toContainText(email);
  await expect(card.locator('form')).toBeHidden();
  await expectNoAxeViolations(page, 'signed-in sign-in page');
  await card.getByRole('button', { name: 'Sign out' }).click();
  await expect(card.getByLabel('Email address')).toBeVisible();
});

test('an outage during the restore is not a sign-out: the page waits, then recovers without a reload', async ({ page }) => {
  test.setTimeout(120_000);
  const apiPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'janua-outage-'));
  const site = await servePages(apiPort);
  const start = (): ChildProcess => spawn(process.execPath, ['packages/server/bin/janua-server.mjs', '--port', String(apiPort),
    '--db', join(dir, 'janua.db'), '--cors', site.url], { stdio: 'ignore' });
  const ready = () => expect.poll(async () => {
    try {
      return (await fetch(`http://127.0.0.1:${apiPort}/.well-known/jwks.json`)).status;
    } catch {
      return 0;
    }
  }, { timeout: 60_000 }).toBe(200);
  const stop = (child: ChildProcess) => new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  let server = start();
  try {
    await ready();
    await page.goto(`${site.url}/index.html`);
    const email = uniqueEmail('outage');
    await signUpThroughThePage(page, email, strongPassword());
    const name = page.locator('janua-signed-in janua-user-name');
    await expect(name).toContainText(email);

    await stop(server);
    await page.reload();
    const waiting = page.locator('janua-signed-out').getByRole('status');
    await expect(waiting).toContainText('Trying again');
    await expect(page.locator('janua-sign-in form'), 'no sign-in form: the user is not signed out').toBeHidden();
    await expectNoAxeViolations(page, 'server unreachable');

    server = start();
    await ready();
    // No reload: the client's retry finds the server and the session again.
    await expect(name).toContainText(email, { timeout: 60_000 });
    await expect(waiting).toBeHidden();
  } finally {
    await stop(server);
    site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
