import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext, Download, Page } from '@playwright/test';
import { startServer, type RunningServer } from '../../packages/server/src/node.ts';
import { totp } from '../unit/totp.ts';
import { expect, expectNoAxeViolations, strongPassword, test, uniqueEmail } from './support.ts';

/*
 * Everything a user does with their own account, in plain HTML pages holding only the kit's
 * script and its elements (tests/e2e/pages/account.html and the forgot, reset and verify pages
 * the server's emails link to), under a strict CSP, against the real server, axe-clean at every
 * step. Codes come from the secret shown on screen and from the downloaded backup codes; mails
 * from the server's dev outbox; the passkey from the DevTools virtual authenticator.
 */

// Long (about 40 real password hashes and 20 axe runs) on a machine other suites share: bounded, generous.
test.setTimeout(600_000);

/*
 * Passkeys need a host name (an IP address cannot be a WebAuthn relying party), so this journey
 * runs on `localhost` with servers of its own: the reference server (relying party `localhost`, its
 * mailed links pointing at the page server) and the static server for tests/e2e/pages, both on
 * ports the system picks.
 */
let api: RunningServer | undefined;
let pages: ChildProcess | undefined;
let API_URL = '';
let PAGE_URL = '';

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const probe: Server = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test.beforeAll(async () => {
  const pagePort = await freePort();
  PAGE_URL = `http://localhost:${pagePort}`;
  api = await startServer({
    port: 0, db: ':memory:', dev: true, cors: [PAGE_URL], frontendUrl: PAGE_URL, rpId: 'localhost', origins: [PAGE_URL],
  });
  API_URL = api.url;
  const root = fileURLToPath(new URL('../..', import.meta.url));
  pages = spawn(process.execPath, ['scripts/static-server.mjs', '--root', 'tests/e2e/pages', '--port', String(pagePort),
    '--api-port', new URL(api.url).port], { cwd: root, stdio: 'ignore' });
  await expect.poll(() => fetch(`${PAGE_URL}/account.html`).then((r) => r.status, () => 0),
    { message: 'the page server', timeout: 30_000 }).toBe(200);
});

test.afterAll(async () => {
  pages?.kill('SIGTERM');
  await api?.close();
});

interface Mail { to: string; subject: string; link?: string }

/** The newest mail to `to` whose link contains `path` (waits for it: the outbox fills asynchronously). */
async function mailLink(request: APIRequestContext, to: string, path: string, after = 0): Promise<string> {
  let link = '';
  await expect.poll(async () => {
    const mails = (await (await request.get(`${API_URL}/api/v1/dev/outbox?to=${encodeURIComponent(to)}`)).json()) as Mail[];
    link = mails.slice(after).reverse().find((m) => m.link?.includes(path))?.link ?? '';
    return link;
  }, { message: `a mail to ${to} with a ${path} link` }).not.toBe('');
  return link;
}

async function outboxSize(request: APIRequestContext, to: string): Promise<number> {
  return ((await (await request.get(`${API_URL}/api/v1/dev/outbox?to=${encodeURIComponent(to)}`)).json()) as Mail[]).length;
}

const profile = (page: Page) => page.locator('janua-user-profile');
const region = (page: Page, name: string) => page.locator(`janua-user-profile [data-janua-region="${name}"]`);
const signInForm = (page: Page) => page.locator('janua-sign-in form');

async function expectSignedOut(page: Page): Promise<void> {
  await expect(signInForm(page)).toBeVisible();
  await expect(profile(page).locator('[data-janua-region="profile"] form')).toBeHidden();
}

async function expectSignedIn(page: Page): Promise<void> {
  await expect(region(page, 'profile').getByLabel('First name')).toBeEnabled();
  await expect(page.locator('janua-user-button').getByRole('button', { name: /^Account menu for/ })).toBeVisible();
}

/**
 * The second factor of a sign-in, typed into the step `<janua-sign-in>` shows (issue 7): an app
 * code submits at its sixth digit; a backup code after "Use a backup code", with Enter.
 */
async function secondFactor(page: Page, code: string): Promise<void> {
  const challenge = page.locator('janua-sign-in janua-mfa-challenge');
  const field = challenge.locator('input[autocomplete="one-time-code"]');
  await expect(field).toBeFocused();
  if (/^\d{6}$/.test(code)) return field.fill(code);
  await challenge.getByRole('button', { name: 'Use a backup code' }).click();
  await challenge.getByLabel('Backup code').fill(code);
  await challenge.getByLabel('Backup code').press('Enter');
}

async function signIn(page: Page, email: string, password: string, code: string): Promise<void> {
  const form = signInForm(page);
  await form.getByLabel('Email address').fill(email);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
  await secondFactor(page, code);
  await expectSignedIn(page);
}

async function signOutFromMenu(page: Page): Promise<void> {
  await page.locator('janua-user-button').getByRole('button', { name: /^Account menu for/ }).click();
  await page.locator('janua-user-button').getByRole('menuitem', { name: 'Sign out' }).click();
  await expectSignedOut(page);
}

async function saved(download: Download): Promise<string> {
  const path = await download.path();
  expect(path, 'the download completed').toBeTruthy();
  return readFile(path!, 'utf8');
}

test('the account journey: verify, TOTP, backup codes, MFA sign-in, passkey, sessions, password change and reset, export, deletion', async ({ page, context, browser, request }) => {
  const email = uniqueEmail('account');
  let password = strongPassword();
  let secret = '';
  let codes: string[] = [];
  const nextCode = () => codes.shift()!;

  await test.step('sign up on the account page', async () => {
    await page.goto(`${PAGE_URL}/account.html`);
    await expectSignedOut(page);
    await expectNoAxeViolations(page, 'signed out');
    const form = page.locator('janua-sign-up form');
    await form.getByLabel('First name').fill('Ada');
    await form.getByLabel('Last name').fill('Lovelace');
    await form.getByLabel('Email address').fill(email);
    await form.getByLabel('Password', { exact: true }).fill(password);
    await form.getByRole('button', { name: 'Create account' }).click();
    await expectSignedIn(page);
    await expect(region(page, 'email')).toContainText('Not verified');
    await expect(page.locator('janua-session-list .janua-item')).toHaveCount(1);
    await expectNoAxeViolations(page, 'signed in, the profile');
  });

  await test.step('verify the email from the outbox link', async () => {
    const link = await mailLink(request, email, '/verify-email');
    expect(new URL(link).origin, 'the link opens this site').toBe(PAGE_URL);
    const verify = await context.newPage();
    await verify.goto(link);
    await expect(verify.locator('janua-verify-email')).toContainText('Your email is verified.');
    await expectNoAxeViolations(verify, 'email verified');
    await verify.close();
    await page.reload();
    await expect(region(page, 'email')).toContainText('Verified');
  });

  await test.step('turn on TOTP with a code computed from the secret on screen', async () => {
    const mfa = page.locator('janua-mfa-setup');
    await mfa.getByRole('button', { name: 'Set up' }).first().click();
    const currentPassword = mfa.getByLabel('Current password');
    await expect(currentPassword).toBeFocused();
    await currentPassword.fill(password);
    await mfa.getByRole('button', { name: 'Continue' }).click();
    await expect(mfa.locator('img.janua-qr')).toBeVisible();
    await expectNoAxeViolations(page, 'the QR code and the key');
    secret = (await mfa.locator('.janua-secret').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await mfa.getByLabel('Verification code').fill(await totp(secret));
    await mfa.getByRole('button', { name: 'Verify' }).click();
    await expect(mfa.locator('janua-backup-codes .janua-codes li')).toHaveCount(10);
    await expectNoAxeViolations(page, 'the backup codes');
  });

  await test.step('save the backup codes: the downloaded file holds them', async () => {
    const box = page.locator('janua-backup-codes');
    codes = (await box.locator('.janua-codes li').allInnerTexts()).map((c) => c.trim());
    const downloading = page.waitForEvent('download');
    await box.getByRole('button', { name: 'Download' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('backup-codes.txt');
    const file = await saved(download);
    expect(file).toContain(`Backup codes for ${email}`);
    for (const code of codes) expect(file).toContain(code);
    await box.getByLabel('I have saved these codes').check();
    await box.getByRole('button', { name: 'Done' }).click();
    await expect(page.locator('janua-mfa-setup')).toContainText('Two-step verification is on.');
    await expect(page.locator('janua-mfa-setup .janua-codes')).toHaveCount(0);
    await expectNoAxeViolations(page, 'two-step verification on');
  });

  await test.step('sign out, and sign in again with the second factor', async () => {
    await signOutFromMenu(page);
    await expectNoAxeViolations(page, 'signed out from the menu');
    // The code of the next time step: the server refuses one it has already accepted.
    await signIn(page, email, password, await totp(secret, Date.now() + 30_000));
    await expectNoAxeViolations(page, 'signed in with MFA');
  });

  await test.step('add a passkey with the virtual authenticator, rename it, delete it', async () => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
        isUserVerified: true, automaticPresenceSimulation: true },
    });
    const keys = page.locator('janua-passkey-manager');
    await expect(keys).toContainText('No passkeys yet.');
    await keys.getByRole('button', { name: 'Add a passkey' }).click();
    const name = keys.getByLabel('Name');
    await expect(name).toBeFocused();
    await expect(keys).toContainText('Passkey added.');
    await expectNoAxeViolations(page, 'a passkey added');
    await name.fill('Work laptop');
    await name.press('Enter');
    await expect(keys.locator('.janua-item-title')).toHaveText(['Work laptop']);
    await keys.getByRole('button', { name: 'Delete' }).click();
    await expect(keys).toContainText('Delete Work laptop?');
    await expectNoAxeViolations(page, 'deleting the passkey');
    await keys.locator('.janua-danger').getByRole('button', { name: 'Delete' }).click();
    await expect(keys).toContainText('No passkeys yet.');
  });

  await test.step('a second browser is signed out the moment the first revokes it', async () => {
    const other = await browser.newContext();
    const errors: string[] = [];
    try {
      const second = await other.newPage();
      second.on('pageerror', (e) => errors.push(e.message));
      await second.goto(`${PAGE_URL}/account.html`);
      await signIn(second, email, password, nextCode());
      const sessions = page.locator('janua-session-list');
      await page.reload();
      await expect(sessions.locator('.janua-item')).toHaveCount(2);
      await expect(sessions.locator('.janua-item').first()).toContainText('This device');
      await expectNoAxeViolations(page, 'two sessions');
      await sessions.locator('.janua-item').getByRole('button', { name: /^Sign out / }).click();
      await expect(sessions.locator('.janua-item')).toHaveCount(1);
      await expect(sessions).toContainText('Devices signed out: 1.');
      // Its next call fails, and its page returns to signed-out.
      await region(second, 'profile').getByRole('button', { name: 'Save' }).click();
      await expectSignedOut(second);
      await expectNoAxeViolations(second, 'the revoked browser, signed out');
      expect(errors).toEqual([]);
    } finally {
      await other.close();
    }
  });

  await test.step('change the password', async () => {
    const form = region(page, 'password');
    const next = strongPassword();
    await form.getByLabel('Current password').fill(password);
    await form.getByLabel('New password').fill(next);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(profile(page).locator('#password-alert')).toContainText('Saved.');
    password = next;
    await expectNoAxeViolations(page, 'password changed');
  });

  await test.step('forgot password from the sign-in page, reset through the outbox link, sign in with the new one', async () => {
    await signOutFromMenu(page);
    const before = await outboxSize(request, email);
    await page.locator('janua-sign-in').getByRole('link', { name: 'Forgot password?' }).click();
    await expect(page).toHaveURL(/\/forgot-password\/$/);
    const forgot = page.locator('janua-forgot-password');
    await forgot.getByLabel('Email address').fill(email);
    await forgot.getByRole('button', { name: 'Send link' }).click();
    await expect(forgot).toContainText(`If ${email} has an account, a link is on its way.`);
    await expectNoAxeViolations(page, 'reset link sent');
    const link = await mailLink(request, email, '/reset-password', before);
    expect(new URL(link).origin, 'the link opens this site').toBe(PAGE_URL);
    await page.goto(link);
    const reset = page.locator('janua-reset-password');
    const fresh = strongPassword();
    await reset.getByLabel('New password').fill(fresh);
    await expect(reset).toContainText('Password strength:');
    await expectNoAxeViolations(page, 'choosing a new password');
    await reset.getByRole('button', { name: 'Save' }).click();
    await expect(reset).toContainText('Password changed.');
    await expectNoAxeViolations(page, 'password reset');
    await reset.getByRole('link', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/account\.html$/);
    password = fresh;
    await signIn(page, email, password, nextCode());
  });

  await test.step('export my data: the JSON holds my email and no secret', async () => {
    const downloading = page.waitForEvent('download');
    await region(page, 'danger').getByRole('button', { name: 'Download my data' }).click();
    const text = await saved(await downloading);
    const data = JSON.parse(text) as Record<string, unknown>;
    expect(typeof data).toBe('object');
    expect(text).toContain(email);
    for (const secretValue of [secret, password, ...codes]) expect(text).not.toContain(secretValue);
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(text).not.toMatch(/"[\w]*(password|secret|token)[\w]*"\s*:\s*"[^"]/i);
    await expectNoAxeViolations(page, 'data exported');
  });

  await test.step('delete the account', async () => {
    const danger = region(page, 'danger');
    await danger.getByRole('button', { name: 'Delete account' }).click();
    await expect(danger.getByLabel('Current password')).toBeFocused();
    await expectNoAxeViolations(page, 'confirming the deletion');
    await danger.getByLabel('Current password').fill(password);
    await danger.locator('.janua-danger').getByRole('button', { name: 'Delete account' }).click();
    await expectSignedOut(page);
    await expectNoAxeViolations(page, 'account deleted');
  });

  await test.step('the same email can sign up again', async () => {
    const form = page.locator('janua-sign-up form');
    await form.getByLabel('Email address').fill(email);
    await form.getByLabel('Password', { exact: true }).fill(strongPassword());
    await form.getByRole('button', { name: 'Create account' }).click();
    await expectSignedIn(page);
    await expect(region(page, 'email')).toContainText('Not verified');
    await expect(page.locator('janua-mfa-setup')).toContainText('Off');
    await expectNoAxeViolations(page, 'signed up again');
  });
});
