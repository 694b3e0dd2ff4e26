import type { Locator, Page } from '@playwright/test';
import { API_URL, expect, expectNoAxeViolations, strongPassword, test, uniqueEmail } from './support.ts';

// The whole first slice, as a user lives it, on a plain HTML page that holds nothing but the
// kit's script tag and its elements, under a strict CSP.

const signInForm = (page: Page): Locator => page.locator('janua-sign-in form');
const signUpForm = (page: Page): Locator => page.locator('janua-sign-up form');
const signedIn = (page: Page): Locator => page.locator('janua-signed-in');
const signOutButton = (page: Page): Locator => page.locator('janua-sign-out-button').getByRole('button', { name: 'Sign out' });

async function expectSignedOut(page: Page): Promise<void> {
  await expect(signInForm(page)).toBeVisible();
  // The other branch stays in the DOM but is not rendered (no slot while its status is off).
  await expect(signOutButton(page)).toBeHidden();
}

async function expectSignedInAs(page: Page, name: string): Promise<void> {
  // <janua-user-name> renders in its shadow root; locators pierce open shadow roots.
  await expect(signedIn(page).locator('janua-user-name').getByText(name)).toBeVisible();
  await expect(signOutButton(page)).toBeVisible();
  await expect(signInForm(page)).toBeHidden();
}

test('sign up, stay signed in across a reload, sign out from another tab, sign in again', async ({ page, context }) => {
  const firstName = 'Ada';
  const lastName = `Lovelace${Math.random().toString(36).slice(2, 6)}`;
  const email = uniqueEmail('flow');
  const password = strongPassword();

  await test.step('signed-out page: forms rendered, reachable by password managers, accessible', async () => {
    await page.goto('/index.html');
    await expectSignedOut(page);
    await expect(signUpForm(page)).toBeVisible();
    // Password managers only see light-DOM inputs; this is exactly the lookup they make.
    const found = await page.evaluate(() => {
      const input = document.querySelector('input[autocomplete="current-password"]');
      return input instanceof HTMLInputElement ? { type: input.type, name: input.name, inForm: !!input.form } : null;
    });
    expect(found).toEqual({ type: 'password', name: expect.any(String), inForm: true });
    expect(await page.evaluate(() => !!document.querySelector('input[autocomplete="new-password"]'))).toBe(true);
    await expectNoAxeViolations(page, 'signed out');
  });

  await test.step('sign up with a new email: signed-in content shows the name', async () => {
    const form = signUpForm(page);
    await form.getByLabel('First name').fill(firstName);
    await form.getByLabel('Last name').fill(lastName);
    await form.getByLabel('Email address').fill(email);
    await form.getByLabel('Password', { exact: true }).fill(password);
    await form.getByRole('button', { name: 'Create account' }).click();
    await expectSignedInAs(page, firstName);
    await expectNoAxeViolations(page, 'signed in after sign-up');
  });

  await test.step('reload: the session is restored from the refresh cookie', async () => {
    await page.reload();
    await expectSignedInAs(page, firstName);
    // The session came back through the HttpOnly cookie: no token sits where scripts can read it.
    const readable = await page.evaluate(() => ({
      stored: [...Object.values(localStorage), ...Object.values(sessionStorage)].join('\n'),
      cookie: document.cookie,
    }));
    expect(readable.stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(readable.cookie).not.toContain('janua_refresh_token');
    // Scoped to the server's auth path, so list every cookie of the context.
    const refreshCookie = (await context.cookies()).find((c) => c.name === 'janua_refresh_token');
    expect(refreshCookie, 'the refresh cookie set by the server').toMatchObject({ domain: new URL(API_URL).hostname, httpOnly: true, sameSite: 'Lax' });
    await expectNoAxeViolations(page, 'signed in after reload');
  });

  const second = await context.newPage();
  await test.step('a second tab is signed in too; signing out there signs out the first tab without a reload', async () => {
    await second.goto('/index.html');
    await expectSignedInAs(second, firstName);
    await expectNoAxeViolations(second, 'second tab signed in');
    // A marker that a reload would erase proves the first tab updated in place.
    await page.evaluate(() => document.documentElement.setAttribute('data-e2e-no-reload', ''));
    await signOutButton(second).click();
    await expectSignedOut(second);
    await expectSignedOut(page);
    await expect(page.locator('html[data-e2e-no-reload]')).toHaveCount(1);
    await expectNoAxeViolations(page, 'first tab signed out by the second');
    await expectNoAxeViolations(second, 'second tab signed out');
  });
  await second.close();

  await test.step('the session is really gone: a reload stays signed out', async () => {
    await page.reload();
    await expectSignedOut(page);
  });

  await test.step('wrong password: a clear error, the password field stays labelled and usable', async () => {
    const form = signInForm(page);
    await form.getByLabel('Email address').fill(email);
    const passwordInput = form.getByLabel('Password', { exact: true });
    await passwordInput.fill(`${password}-wrong`);
    await form.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator('janua-sign-in')).toContainText('That email and password do not match');
    // The message reaches assistive technology through a live region or an alert.
    const announced = page.locator('janua-sign-in').locator('[role="alert"], [role="status"], [aria-live="polite"], [aria-live="assertive"]');
    await expect(announced.filter({ hasText: 'That email and password do not match' })).toHaveCount(1);
    await expect(passwordInput).toBeEnabled();
    await expect(passwordInput).toBeEditable();
    await expect(signOutButton(page)).toBeHidden();
    // Focus is not lost to <body>: it sits on the password field or on the announced error.
    const focus = await page.evaluate(() => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return {
        tag: active?.tagName.toLowerCase() ?? null,
        autocomplete: active instanceof HTMLInputElement ? active.autocomplete : null,
        text: active?.textContent ?? '',
        role: active?.getAttribute('role') ?? null,
      };
    });
    const onPasswordField = focus.tag === 'input' && focus.autocomplete === 'current-password';
    const onAnnouncedError = (focus.role === 'alert' || focus.role === 'status') && focus.text.includes('That email and password do not match');
    expect(onPasswordField || onAnnouncedError, `focus after the error: ${JSON.stringify(focus)}`).toBe(true);
    await expectNoAxeViolations(page, 'wrong password');
  });

  await test.step('the right password signs in', async () => {
    const form = signInForm(page);
    await form.getByLabel('Password', { exact: true }).fill(password);
    await form.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectSignedInAs(page, firstName);
    await expectNoAxeViolations(page, 'signed in with password');
  });
});
