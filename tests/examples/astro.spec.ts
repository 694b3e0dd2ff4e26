import type { Page } from '@playwright/test';
import { createUser, signInThroughUi, signInWithApi } from '@janua/testing';
import { expect, expectNoAxeViolations, test } from '../e2e/support.ts';
import { API_URL, APPS } from './env.mjs';

// The Astro example (examples/astro): output 'server' on @astrojs/node. The integration's
// middleware verifies the access-token cookie against the API's JWKS and sets
// Astro.locals.janua; /dashboard is guarded by the integration, /account by protect(Astro).

const signOut = (page: Page) => page.locator('janua-sign-out-button').getByRole('button', { name: 'Sign out' });

test('sign in through <SignIn>; Astro.locals.janua shows the user; /dashboard appears; sign out clears it', async ({ page }) => {
  const user = await createUser(API_URL, { firstName: 'Mary' });
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in\?redirect_to=%2Fdashboard$/);
  await expect(page.getByTestId('status')).toHaveText('Signed out');
  await expect(page.locator('janua-sign-in > [slot="footer"]')).toHaveText('New here? Ask the admin for an account.');
  await expectNoAxeViolations(page, 'signed out');

  await signInThroughUi(page, user);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('locals-user')).toHaveText('Welcome, Mary.');
  await expect(page.getByTestId('status')).toHaveText(`Signed in as ${user.email}`);
  await expect(page.getByTestId('protected').locator('janua-user-name')).toContainText(`Mary ${user.lastName}`);
  await expectNoAxeViolations(page, 'signed in');

  await page.goto('/account');
  await expect(page.getByTestId('account-email')).toHaveText(user.email);

  await page.goto('/dashboard');
  await signOut(page).click();
  await expect(page).toHaveURL(`${APPS.astro.url}/`);
  await expect(page.getByTestId('status')).toHaveText('Signed out');
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?redirect_to=%2Faccount$/);
});

test('server rendering: the HTML for a signed-in user holds their name; without the cookie the guards redirect', async ({ page, context, request }) => {
  const user = await createUser(API_URL, { firstName: 'Dorothy' });
  await signInWithApi(context.request, user, { api: API_URL });
  await page.goto('/');
  // The page script restored the session and wrote the cookie; the next request carries it.
  await expect.poll(async () => (await context.cookies(APPS.astro.url)).some((c) => c.name === 'janua_access')).toBe(true);
  const html = await (await context.request.get('/dashboard', { maxRedirects: 0 })).text();
  expect(html).toContain('Welcome, Dorothy.');
  expect(html).toContain(`Signed in as ${user.email}`);

  for (const path of ['/dashboard', '/account']) {
    const anonymous = await request.get(path, { maxRedirects: 0 });
    expect(anonymous.status(), path).toBe(303);
    expect(anonymous.headers()['location'], path).toBe(`/sign-in?redirect_to=${encodeURIComponent(path)}`);
  }
});
