import type { Page } from '@playwright/test';
import { createUser, signInThroughUi, signInWithApi } from '@janua/testing';
import { expect, expectNoAxeViolations, test } from '../e2e/support.ts';
import { API_URL, APPS } from './env.mjs';

// The SvelteKit example (examples/svelte): SSR on, adapter-node. The browser's client keeps the
// access token in a cookie on the app's origin; hooks.server.ts verifies it against the API's
// JWKS, so the server renders signed-in pages (no flash of signed-out content) and guards
// /dashboard. The stores ($user, $isAuthenticated) follow the client in the browser.

const signOut = (page: Page) => page.locator('janua-sign-out-button').getByRole('button', { name: 'Sign out' });

test('sign in through <SignIn>; the stores show the user; /dashboard appears; sign out clears it', async ({ page }) => {
  const user = await createUser(API_URL, { firstName: 'Ada' });
  await page.goto('/dashboard');
  // Signed out: the server's guard sent us to sign in, with the way back.
  await expect(page).toHaveURL(/\/sign-in\?redirect_to=%2Fdashboard$/);
  await expect(page.getByTestId('status')).toHaveText('Signed out');
  await expectNoAxeViolations(page, 'signed out');

  await signInThroughUi(page, user);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('store-user')).toHaveText('Welcome, Ada.');
  await expect(page.getByTestId('status')).toHaveText(`Signed in as ${user.email}`);
  await expect(page.getByTestId('protected').locator('janua-user-name')).toContainText(`Ada ${user.lastName}`);
  await expectNoAxeViolations(page, 'signed in');

  await signOut(page).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('status')).toHaveText('Signed out');
  await expect(page.getByTestId('greeting')).toContainText('Welcome, visitor.');
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in\?redirect_to=%2Fdashboard$/);
});

test('server rendering: the HTML of /dashboard for a signed-in user holds their name; signed out, it redirects', async ({ page, context, request }) => {
  const user = await createUser(API_URL, { firstName: 'Barbara' });
  await signInWithApi(context.request, user, { api: API_URL });
  // The first page load restores the session and writes the access-token cookie on this origin.
  await page.goto('/');
  await expect(page.getByTestId('greeting')).toHaveText('Hello, Barbara.');
  const cookie = (await context.cookies(APPS.svelte.url)).find((c) => c.name === 'janua_access');
  expect(cookie, 'the access-token cookie').toMatchObject({ path: '/', sameSite: 'Lax', httpOnly: false });

  // The server's own HTML, before any script runs.
  const html = await (await context.request.get('/dashboard', { maxRedirects: 0 })).text();
  expect(html).toContain('Welcome, Barbara.');
  expect(html).toContain(`Signed in as ${user.email}`);
  expect(html).not.toContain('Signed out');

  // The same page without the cookie: a redirect, and no user in sight.
  const anonymous = await request.get('/dashboard', { maxRedirects: 0 });
  expect(anonymous.status()).toBe(303);
  expect(anonymous.headers()['location']).toBe('/sign-in?redirect_to=%2Fdashboard');
  // A forged cookie is no better.
  const forged = await request.get('/dashboard', { maxRedirects: 0, headers: { cookie: `janua_access=${cookie!.value.slice(0, -4)}AAAA` } });
  expect(forged.status()).toBe(303);

  // With JavaScript off the server-rendered page still shows who is signed in.
  const noScript = await context.browser()!.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
  const still = await noScript.newPage();
  await still.goto(`${APPS.svelte.url}/dashboard`);
  await expect(still.getByTestId('store-user')).toHaveText('Welcome, Barbara.');
  await noScript.close();
});
