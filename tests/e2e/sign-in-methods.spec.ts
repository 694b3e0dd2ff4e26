import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext, CDPSession, Page } from '@playwright/test';
import { startServer, type RunningServer } from '../../packages/server/src/node.ts';
import { ssoService } from '../../packages/server/src/sso/service.ts';
import { startIdp, type TestIdp } from '../server/helpers/oidc-idp.ts';
import { totp } from '../unit/totp.ts';
import { expect, expectNoAxeViolations, strongPassword, test, uniqueEmail } from './support.ts';

/*
 * Every way to sign in, in a plain HTML page (tests/e2e/pages/sign-in.html: `<janua-sign-in>`
 * inside `<janua-signed-out>`, the kit's one script, a strict CSP) against the real reference
 * server: the second factor (TOTP typed by keyboard alone, a reused code, backup codes, SMS from
 * the dev outbox), the emailed link (tests/e2e/pages/magic-link/), passkeys with the DevTools
 * virtual authenticator, and social sign-in and enterprise SSO through a real OpenID provider
 * (oidc-provider) on 127.0.0.1. axe-clean at every step.
 *
 * Passkeys need a host name, so the pages are on `localhost`; the server's issuer is `localhost`
 * too, so the cookies the provider's return leaves (browser binding, refresh) are on the pages'
 * site and the page picks the session up.
 */

// Long (a dozen password hashes and as many axe runs per test) on a machine other suites share: bounded, generous.
test.setTimeout(600_000);

let api: RunningServer | undefined;
let pages: ChildProcess | undefined;
let idp: TestIdp | undefined;
let API_URL = '';
let PAGE_URL = '';
const SOCIAL_SECRET = 'social-secret-0123456789';
const SSO_SECRET = 'corp-secret-0123456789';

async function freePort(): Promise<number> {
  const probe: Server = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test.beforeAll(async () => {
  const [pagePort, apiPort] = [await freePort(), await freePort()];
  PAGE_URL = `http://localhost:${pagePort}`;
  API_URL = `http://localhost:${apiPort}`;
  const callback = `${API_URL}/api/v1/auth/oauth/callback/`;
  idp = await startIdp(
    [
      { client_id: 'janua-social', client_secret: SOCIAL_SECRET, redirect_uris: [`${callback}acme`] },
      { client_id: 'corp-sso', client_secret: SSO_SECRET, redirect_uris: [`${callback}sso`] },
    ],
    {
      ada: { email: 'ada@social.test', email_verified: true, given_name: 'Ada', family_name: 'Lovelace' },
      grace: { email: 'grace@social.test', email_verified: true, given_name: 'Grace' },
      bob: { email: 'bob@corp.test', email_verified: true, given_name: 'Bob' },
      owner: { email: 'owner@corp.test', email_verified: true, given_name: 'Olive' },
    },
  );
  api = await startServer({
    port: apiPort, db: ':memory:', dev: true, rateLimit: false, issuer: API_URL, cors: [PAGE_URL], frontendUrl: PAGE_URL,
    rpId: 'localhost', origins: [PAGE_URL],
    oauth: { providers: [{ id: 'acme', name: 'Acme ID', type: 'oidc', issuer: idp.issuer, client_id: 'janua-social', client_secret: SOCIAL_SECRET }] },
  } as Parameters<typeof startServer>[0]);
  const root = fileURLToPath(new URL('../..', import.meta.url));
  pages = spawn(process.execPath, ['scripts/static-server.mjs', '--root', 'tests/e2e/pages', '--port', String(pagePort),
    '--api-port', String(apiPort)], { cwd: root, stdio: 'ignore' });
  await expect.poll(() => fetch(`${PAGE_URL}/sign-in.html`).then((r) => r.status, () => 0),
    { message: 'the page server', timeout: 30_000 }).toBe(200);
});

test.afterAll(async () => {
  pages?.kill('SIGTERM');
  await api?.close();
  await idp?.close();
});

interface Mail { to: string; subject?: string; link?: string; code?: string }

async function outbox(request: APIRequestContext, to: string): Promise<Mail[]> {
  return (await (await request.get(`${API_URL}/api/v1/dev/outbox?to=${encodeURIComponent(to)}`)).json()) as Mail[];
}

/** The first mail or text to `to` after the first `after` that satisfies `pick` (waits: the outbox fills asynchronously). */
async function nextMail(request: APIRequestContext, to: string, after: number, pick: (m: Mail) => string | undefined): Promise<string> {
  let found = '';
  await expect.poll(async () => {
    found = (await outbox(request, to)).slice(after).map(pick).find(Boolean) ?? '';
    return found;
  }, { message: `a message to ${to}` }).not.toBe('');
  return found;
}

interface Account { email: string; password: string; token: string }

/** An account made through the API, its address confirmed with the mailed link (as its owner would). */
async function account(request: APIRequestContext, email = uniqueEmail('methods')): Promise<Account> {
  const password = strongPassword();
  const res = await request.post(`${API_URL}/api/v1/auth/signup`, { data: { email, password, first_name: 'Test' } });
  expect(res.status(), await res.text()).toBe(201);
  const token = ((await res.json()) as { tokens: { access_token: string } }).tokens.access_token;
  const link = await nextMail(request, email, 0, (m) => (m.link?.includes('verify-email') ? m.link : undefined));
  const verified = await request.post(`${API_URL}/api/v1/auth/email/verify`, {
    data: { token: new URL(link).searchParams.get('token') }, headers: { authorization: `Bearer ${token}` },
  });
  expect(verified.status(), await verified.text()).toBe(200);
  return { email, password, token };
}

/** Turns TOTP on through the API; the secret and backup codes come from its answer. */
async function withTotp(request: APIRequestContext, a: Account): Promise<{ secret: string; backupCodes: string[] }> {
  const headers = { authorization: `Bearer ${a.token}` };
  const enabled = await request.post(`${API_URL}/api/v1/mfa/enable`, { data: { password: a.password }, headers });
  expect(enabled.status(), await enabled.text()).toBe(200);
  const { secret, backup_codes: backupCodes } = (await enabled.json()) as { secret: string; backup_codes: string[] };
  const verified = await request.post(`${API_URL}/api/v1/mfa/verify`, { data: { code: await totp(secret) }, headers });
  expect(verified.status(), await verified.text()).toBe(200);
  return { secret, backupCodes };
}

const signIn = (page: Page) => page.locator('janua-sign-in');
const challenge = (page: Page) => page.locator('janua-mfa-challenge');
const codeField = (page: Page) => challenge(page).locator('input[autocomplete="one-time-code"]');
const signOutButton = (page: Page) => page.locator('janua-sign-out-button').getByRole('button', { name: 'Sign out' });

async function expectSignedIn(page: Page, email: string): Promise<void> {
  await expect(signOutButton(page)).toBeVisible();
  await expect(page.locator('janua-user-name')).not.toHaveText('');
  const who = await page.locator('janua-sign-in').evaluate((el) =>
    (el as unknown as { auth: { client: { getSnapshot(): { user: { email: string } | null } } } }).auth.client?.getSnapshot().user?.email
    ?? null).catch(() => null);
  if (who !== null) expect(who).toBe(email);
}

async function signOut(page: Page): Promise<void> {
  await signOutButton(page).click();
  await expect(signIn(page).locator('form.janua-form').first()).toBeVisible();
}

async function password(page: Page, a: Account): Promise<void> {
  const form = signIn(page).locator('form.janua-form').first();
  await form.getByLabel('Email address').fill(a.email);
  await form.getByLabel('Password', { exact: true }).fill(a.password);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
}


test('MFA in plain HTML: TOTP by keyboard alone, a reused code refused, a backup code once and only once, SMS from the outbox', async ({ page, request }) => {
  const a = await account(request);
  const { secret, backupCodes } = await withTotp(request, a);
  // Computed when typed: the machine may be slow enough for a code made earlier to age out.
  let code = '';

  await test.step('keyboard only: password, then the code; focus lands in the code field', async () => {
    await page.goto(`${PAGE_URL}/sign-in.html`);
    const email = signIn(page).getByLabel('Email address');
    await expect(email).toBeVisible();
    await expectNoAxeViolations(page, 'the sign-in form');
    for (let i = 0; i < 10 && !(await email.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(email).toBeFocused();
    await page.keyboard.type(a.email);
    await page.keyboard.press('Tab');
    await expect(signIn(page).getByLabel('Password', { exact: true })).toBeFocused();
    await page.keyboard.type(a.password);
    await page.keyboard.press('Enter');
    await expect(codeField(page)).toBeFocused();
    await expect(codeField(page)).toHaveAttribute('inputmode', 'numeric');
    await expectNoAxeViolations(page, 'the second-factor step');
    // The sixth digit submits. The next step's code: the current one may be the one the setup spent.
    code = await totp(secret, Date.now() + 30_000);
    await page.keyboard.type(code);
    await expectSignedIn(page, a.email);
    await expectNoAxeViolations(page, 'signed in with TOTP');
  });

  await test.step('the same code again is refused with its own message, and costs no try', async () => {
    await signOut(page);
    await password(page, a);
    const refusal = async () => {
      const answer = await page.waitForResponse((r) => r.url().endsWith('/mfa/challenge/verify'));
      return ((await answer.json()) as { error: { details: Record<string, unknown> } }).error.details;
    };
    let answered = refusal();
    await codeField(page).fill(code);
    expect(await answered).toEqual({ reason: 'reused', attempts_remaining: 10 });
    await expect(challenge(page)).toContainText('This code was already used. Wait for the next code in your app and enter that one.');
    // Typed once more (the field keeps it, selected): still all ten tries.
    answered = refusal();
    await codeField(page).press('Enter');
    expect(await answered).toEqual({ reason: 'reused', attempts_remaining: 10 });
    await expect(codeField(page)).toBeVisible();
    await expectNoAxeViolations(page, 'a reused code');
  });

  await test.step('a backup code works once', async () => {
    await challenge(page).getByRole('button', { name: 'Use a backup code' }).click();
    const backup = challenge(page).getByLabel('Backup code');
    await expect(backup).toBeFocused();
    await backup.fill(backupCodes[0]!);
    await backup.press('Enter');
    await expectSignedIn(page, a.email);
  });

  await test.step('and only once, even after a reload (the page remembers nothing: the server says it was used)', async () => {
    await signOut(page);
    await page.reload();
    await password(page, a);
    await challenge(page).getByRole('button', { name: 'Use a backup code' }).click();
    await challenge(page).getByLabel('Backup code').fill(backupCodes[0]!);
    await challenge(page).getByLabel('Backup code').press('Enter');
    await expect(challenge(page)).toContainText('This backup code was already used, and each one works only once. Enter another.');
    await expectNoAxeViolations(page, 'a spent backup code');
    await challenge(page).getByRole('button', { name: 'Start over' }).click();
    await expect(signIn(page).getByLabel('Email address')).toBeFocused();
  });

  await test.step('in a fresh page of another browser context: the used code is "already used", an old one "expired"', async () => {
    const fresh = await (await page.context().browser()!.newContext()).newPage();
    try {
      await fresh.goto(`${PAGE_URL}/sign-in.html`);
      await password(fresh, a);
      await expect(codeField(fresh)).toBeFocused();
      await codeField(fresh).fill(code);
      await expect(challenge(fresh)).toContainText('This code was already used. Wait for the next code in your app and enter that one.');
      await expectNoAxeViolations(fresh, 'a code used in another browser');
      // Three 30 s steps back: out of the accepted window, within the 10 minutes the server recognises.
      await codeField(fresh).fill(await totp(secret, Date.now() - 90_000));
      await expect(challenge(fresh)).toContainText('This code has expired. Enter the code your app shows now.');
      await expect(codeField(fresh)).toBeVisible();
      await expectNoAxeViolations(fresh, 'an expired code');
    } finally {
      await fresh.context().close();
    }
  });

  await test.step('an SMS code from the dev outbox, with a visible resend wait; the text a resend replaced says so', async () => {
    const b = await account(request);
    const phone = `+1415555${Math.floor(1000 + Math.random() * 8999)}`;
    const headers = { authorization: `Bearer ${b.token}` };
    expect((await request.post(`${API_URL}/api/v1/mfa/sms/enable`, { data: { password: b.password, phone_number: phone }, headers })).status()).toBe(200);
    const enrol = await nextMail(request, phone, 0, (m) => m.code);
    expect((await request.post(`${API_URL}/api/v1/mfa/sms/verify`, { data: { code: enrol }, headers })).status()).toBe(200);
    const sent = (await outbox(request, phone)).length;
    await password(page, b);
    await challenge(page).getByRole('button', { name: 'Send a code by SMS' }).click();
    await expect(challenge(page)).toContainText('We texted a code to your phone');
    await expect(challenge(page).getByRole('button', { name: /Send a new code in \d+ s/ })).toBeDisabled();
    await expectNoAxeViolations(page, 'an SMS code sent');
    const first = await nextMail(request, phone, sent, (m) => m.code);
    // "Send a new code" once the visible wait is over; the earlier text no longer works.
    await challenge(page).getByRole('button', { name: 'Send a new code', exact: true }).click();
    const latest = await nextMail(request, phone, sent + 1, (m) => m.code);
    const field = challenge(page).getByLabel('Code from the text message');
    // Two texts carry the same code once in 10^6: then there is no older one to refuse.
    if (first !== latest) {
      await field.fill(first);
      await expect(challenge(page)).toContainText('A newer code was sent to your phone. Enter the code from the latest text message.');
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expectNoAxeViolations(page, 'a replaced SMS code');
    }
    await field.fill(latest);
    await expectSignedIn(page, b.email);
  });
});

test('magic link: the outbox link signs in on a new page; opened again, it says so and offers a new one', async ({ page, context, request }) => {
  const a = await account(request);
  await page.goto(`${PAGE_URL}/sign-in.html`);
  await signIn(page).getByLabel('Email address').fill(a.email);
  const before = (await outbox(request, a.email)).length;
  await signIn(page).getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(signIn(page).getByRole('heading', { name: 'Check your email' })).toBeFocused();
  await expect(signIn(page).getByRole('button', { name: /Send again in \d+ s/ })).toBeDisabled();
  await expectNoAxeViolations(page, 'the link sent');
  const link = await nextMail(request, a.email, before, (m) => (m.link?.includes('/magic-link?') ? m.link : undefined));
  expect(new URL(link).origin).toBe(PAGE_URL);

  const landing = await context.newPage();
  await landing.goto(link);
  const element = landing.locator('janua-magic-link');
  await expect(element.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  expect(landing.url(), 'the token leaves the address bar').not.toContain('token=');
  await expectNoAxeViolations(landing, 'signed in from the link');
  // The first page, signed out until now, follows (same browser, another tab).
  await expectSignedIn(page, a.email);
  await landing.close();

  // Another browser did not ask for it: a question first (a link someone else asked for would
  // otherwise sign this browser into their account unseen), and nothing is sent until Continue.
  const again = await (await context.browser()!.newContext()).newPage();
  try {
    await again.goto(link);
    const question = again.locator('janua-magic-link');
    await expect(question.getByText('This browser did not ask for this link.', { exact: false })).toBeVisible();
    await expectNoAxeViolations(again, 'a link asked for elsewhere');
    await question.getByRole('button', { name: 'Continue' }).click();
    await expect(again.locator('janua-magic-link').getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
    await expect(again.locator('janua-magic-link').getByRole('button', { name: 'Email me a new link' })).toBeVisible();
    await expectNoAxeViolations(again, 'a used link');
  } finally {
    await again.context().close();
  }
});

/**
 * A platform authenticator that verifies its user and keeps discoverable passkeys, or
 * (`verifies: false`) a plain security key: presence only, credentials the site must name.
 */
async function virtualAuthenticator(page: Page, verifies = true): Promise<{ cdp: CDPSession; id: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: verifies ? 'internal' : 'usb', hasResidentKey: verifies, hasUserVerification: verifies,
      isUserVerified: verifies, automaticPresenceSimulation: true },
  });
  return { cdp, id: authenticatorId };
}

test('passkeys with the DevTools virtual authenticator: the button, autofill, and a cancelled ceremony', async ({ page, request }) => {
  const a = await account(request);
  await page.goto(`${PAGE_URL}/sign-in.html`);
  const { cdp, id } = await virtualAuthenticator(page);

  await test.step('register a passkey while signed in', async () => {
    await password(page, a);
    await expectSignedIn(page, a.email);
    const keys = page.locator('janua-passkey-manager');
    await keys.getByRole('button', { name: 'Add a passkey' }).click();
    await expect(keys).toContainText('Passkey added.');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: id });
    expect(credentials).toHaveLength(1);
  });

  await test.step('sign out, and sign in with the button', async () => {
    // Presence is not simulated meanwhile, so the autofill request the page starts waits for a user.
    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: id, enabled: false });
    await signOut(page);
    const email = signIn(page).getByLabel('Email address');
    await expect(email).toHaveAttribute('autocomplete', 'username webauthn');
    await expectNoAxeViolations(page, 'signed out, passkey offered');
    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: id, enabled: true });
    await signIn(page).getByRole('button', { name: 'Sign in with a passkey' }).click();
    await expectSignedIn(page, a.email);
    await expectNoAxeViolations(page, 'signed in with a passkey');
  });

  await test.step('through autofill: the request the email field holds on load completes with the passkey the user picks', async () => {
    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: id, enabled: false });
    await signOut(page);
    // The virtual authenticator stands in for the user picking the passkey the browser offers
    // under the field: the conditional request the page starts on load is answered, no button pressed.
    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: id, enabled: true });
    await page.reload();
    await expectSignedIn(page, a.email);
  });

  await test.step('a cancelled ceremony is a quiet message, not an error', async () => {
    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: id, enabled: false });
    await signOut(page);
    // No passkey left on the authenticator: the browser ends the ceremony as a user who cancels does.
    await cdp.send('WebAuthn.clearCredentials', { authenticatorId: id });
    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: id, enabled: true });
    await signIn(page).getByRole('button', { name: 'Sign in with a passkey' }).click();
    const notice = signIn(page).getByText('No passkey was used. Try again, or sign in another way.');
    await expect(notice).toBeVisible();
    await expect(signIn(page).locator('janua-alert[variant="error"]')).toHaveCount(0);
    await expectNoAxeViolations(page, 'a cancelled ceremony');
  });
});

/** Signs in at the provider's own login and consent pages, as the user does. */
async function atProvider(page: Page, login: string): Promise<void> {
  await page.waitForURL((url) => url.origin === idp!.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  const consent = page.getByRole('button', { name: 'Continue' });
  const home = () => new URL(page.url()).origin === PAGE_URL;
  await expect.poll(async () => home() || (await consent.isVisible().catch(() => false)),
    { message: 'the consent page, or back on the site', timeout: 30_000 }).toBe(true);
  if (!home()) {
    await consent.click();
    await page.waitForURL((url) => url.origin === PAGE_URL);
  }
}

test('social sign-in through a real OpenID provider: a new account, and an MFA account through the step', async ({ page, request }) => {
  await page.goto(`${PAGE_URL}/sign-in.html`);
  const button = signIn(page).getByRole('button', { name: 'Continue with Acme ID' });
  await expect(button).toBeVisible();
  await expectNoAxeViolations(page, 'the provider offered');
  await button.click();
  await atProvider(page, 'ada');
  await expectSignedIn(page, 'ada@social.test');
  expect(page.url(), 'the return is read and taken out of the address').not.toMatch(/[?#&](janua_return|error|mfa_token)=/);
  await expectNoAxeViolations(page, 'back from the provider, signed in');

  // The provider made Ada's account without a password: the account page asks her for none.
  await page.goto(`${PAGE_URL}/account.html`);
  const passwordSection = page.locator('janua-user-profile [data-janua-region="password"]');
  await expect(passwordSection.locator('input[name="new_password"]')).toBeEnabled();
  await expect(passwordSection.locator('input[name="current_password"]')).toHaveCount(0);
  const setup = page.locator('janua-mfa-setup');
  await setup.getByRole('button', { name: 'Set up' }).first().click();
  await expect(setup.locator('img.janua-qr')).toBeVisible();
  await expect(setup.locator('input[type="password"]')).toHaveCount(0);
  await expectNoAxeViolations(page, 'an account without a password: two-step set-up, no password asked');
  await setup.getByRole('button', { name: 'Cancel' }).click();
  // Her first password, set without a current one; from then on the form asks for it.
  await passwordSection.locator('input[name="new_password"]').fill('A-first-password-2026');
  await passwordSection.getByRole('button', { name: 'Set password' }).click();
  await expect(passwordSection.locator('input[name="current_password"]')).toBeVisible();
  const withPassword = await request.post(`${API_URL}/api/v1/auth/signin`, { data: { email: 'ada@social.test', password: 'A-first-password-2026' } });
  expect(withPassword.status(), 'the first password signs in').toBe(200);
  await page.goto(`${PAGE_URL}/sign-in.html`);
  await signOut(page);

  // The provider still knows Ada in this browser: sign her out there, as a second person would.
  await page.context().clearCookies({ domain: new URL(idp!.issuer).hostname });
  const grace = await account(request, 'grace@social.test');
  const { secret } = await withTotp(request, grace);
  await signIn(page).getByRole('button', { name: 'Continue with Acme ID' }).click();
  await atProvider(page, 'grace');
  await expect(codeField(page)).toBeFocused();
  expect(page.url(), 'the MFA token leaves the address').not.toContain('mfa_token');
  await expectNoAxeViolations(page, 'back from the provider, second factor owed');
  await codeField(page).fill(await totp(secret, Date.now() + 30_000));
  await expectSignedIn(page, 'grace@social.test');
});

test('enterprise SSO: once the email is typed the password gives way to Continue with SSO, no password is sent; an MFA account through the step', async ({ page, request }) => {
  const owner = await account(request, 'owner@corp.test');
  const org = await request.post(`${API_URL}/api/v1/organizations/`, {
    data: { name: 'Corp', slug: 'corp' }, headers: { authorization: `Bearer ${owner.token}` },
  });
  expect(org.status(), await org.text()).toBe(201);
  ssoService(api!.app.ctx).configure(((await org.json()) as { id: string }).id,
    { issuer: idp!.issuer, client_id: 'corp-sso', client_secret: SSO_SECRET, domains: ['corp.test'] });

  const passwords: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/auth\/signin$/.test(new URL(r.url()).pathname)) passwords.push(r.postData() ?? '');
  });
  await page.goto(`${PAGE_URL}/sign-in.html`);
  const email = signIn(page).getByLabel('Email address');
  await email.fill('bob@corp.test');
  const sso = signIn(page).getByRole('button', { name: 'Continue with SSO' });
  await expect(sso).toBeVisible();
  await expect(signIn(page).getByLabel('Password', { exact: true })).toBeHidden();
  await expect(signIn(page)).toContainText('Your organization signs you in with single sign-on');
  await expectNoAxeViolations(page, 'an SSO domain');
  await sso.click();
  await atProvider(page, 'bob');
  await expectSignedIn(page, 'bob@corp.test');
  await expectNoAxeViolations(page, 'back from the identity provider, signed in');
  await signOut(page);

  // An MFA account of the organization (its owner): the IdP proves one factor, the step asks the other.
  await page.context().clearCookies({ domain: new URL(idp!.issuer).hostname });
  const { secret } = await withTotp(request, owner);
  await email.fill('owner@corp.test');
  await expect(sso).toBeVisible();
  await sso.click();
  await atProvider(page, 'owner');
  await expect(codeField(page)).toBeFocused();
  expect(page.url(), 'the MFA token leaves the address').not.toContain('mfa_token');
  await expectNoAxeViolations(page, 'back from the identity provider, second factor owed');
  await codeField(page).fill(await totp(secret, Date.now() + 30_000));
  await expectSignedIn(page, 'owner@corp.test');
  await expectNoAxeViolations(page, 'signed in after SSO and the second factor');
  expect(passwords, 'no password sent').toEqual([]);
});

test('a passkey sign-in without user verification on an MFA account ends in the second-factor step', async ({ page, request }) => {
  const a = await account(request);
  const { secret, backupCodes } = await withTotp(request, a);
  await page.goto(`${PAGE_URL}/sign-in.html`);
  // A key without user verification: the passkey it holds is one factor only.
  const { cdp, id } = await virtualAuthenticator(page, false);
  await password(page, a);
  await codeField(page).fill(await totp(secret, Date.now() + 30_000));
  await expectSignedIn(page, a.email);
  await page.locator('janua-passkey-manager').getByRole('button', { name: 'Add a passkey' }).click();
  await expect(page.locator('janua-passkey-manager')).toContainText('Passkey added.');

  await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: id, enabled: false });
  await signOut(page);
  await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: id, enabled: true });
  // Not discoverable: the typed address tells the server which credential to ask for.
  await signIn(page).getByLabel('Email address').fill(a.email);
  await signIn(page).getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(codeField(page)).toBeFocused();
  await expectNoAxeViolations(page, 'after a passkey, second factor owed');
  // A backup code: the app's next code was spent signing in above.
  await challenge(page).getByRole('button', { name: 'Use a backup code' }).click();
  await challenge(page).getByLabel('Backup code').fill(backupCodes[1]!);
  await challenge(page).getByLabel('Backup code').press('Enter');
  await expectSignedIn(page, a.email);
});
