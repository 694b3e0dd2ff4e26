import { addVirtualAuthenticator, createUser, signInThroughUi, signInWithApi } from '@janua/testing';
import { expect, expectNoAxeViolations, test } from '../e2e/support.ts';
import { API_URL } from './env.mjs';

// The Vite + React example (examples/react), installed from the packed tarballs and built by
// Vite; run twice: with React 19 (project `react`) and React 18 (project `react18`).

const protectedArea = (page: import('@playwright/test').Page) => page.getByTestId('protected');
const signOut = (page: import('@playwright/test').Page) => page.locator('janua-sign-out-button').getByRole('button', { name: 'Sign out' });

test('sign in through <SignIn>; useUser shows the user and the protected component appears; sign out clears it', async ({ page }, info) => {
  const user = await createUser(API_URL, { firstName: 'Grace' });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Janua + React ${info.project.name === 'react18' ? 18 : 19}`);
  await expect(page.locator('janua-sign-in form')).toBeVisible();
  await expect(protectedArea(page)).toHaveCount(0);
  await expectNoAxeViolations(page, 'signed out');

  await signInThroughUi(page, user);
  await expect(page.getByTestId('hook-user')).toHaveText('Welcome, Grace.');
  // The typed onSignedIn prop heard the element's event, detail and all.
  await expect(page.getByTestId('events')).toContainText(`signed in ${user.id}`);
  await expect(protectedArea(page).locator('janua-user-name')).toContainText(`Grace ${user.lastName}`);
  await expectNoAxeViolations(page, 'signed in');

  await page.reload();
  await expect(page.getByTestId('hook-user')).toHaveText('Welcome, Grace.');

  await signOut(page).click();
  await expect(protectedArea(page)).toHaveCount(0);
  await expect(page.locator('janua-sign-in form')).toBeVisible();
});

test('a TOTP user signed in through the API (code from the secret) opens the app signed in', async ({ page, context }) => {
  const user = await createUser(API_URL, { firstName: 'Katherine', totp: true });
  expect(user.totpSecret).toMatch(/^[A-Z2-7]+$/);
  // The API is proxied on the app's origin: the refresh cookie lands where the page will send it.
  await signInWithApi(context.request, user, { api: test.info().project.use.baseURL! });
  await page.goto('/');
  await expect(page.getByTestId('hook-user')).toHaveText('Welcome, Katherine.');
});

// The virtual authenticator stands in for a user who picks the passkey the moment the browser
// offers it, and the card's email field holds an autofill request whenever the form shows: with
// the user present, the form that comes back after signing out signs in again by itself. So the
// user is away while signing out, and present again for the button's own ceremony only.
const isPasskeyChallenge = (url: URL | string) => new URL(url).pathname === '/api/v1/passkeys/authenticate/options';

test('passkeys through the virtual authenticator: add one signed in, sign in with the card\'s button, then by autofill', async ({ page }) => {
  const authenticator = await addVirtualAuthenticator(page);
  const user = await createUser(API_URL, { firstName: 'Hedy' });
  const signedIn = page.getByTestId('events').getByRole('listitem').filter({ hasText: `signed in ${user.id}` });
  const form = page.locator('janua-sign-in form');
  await page.goto('/');
  await signInThroughUi(page, user);
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Passkey' })).toHaveText('Passkey "This device" added.');
  expect(await authenticator.credentials()).toHaveLength(1);

  await authenticator.setUserPresent(false);
  const autofillAsked = page.waitForRequest((request) => isPasskeyChallenge(request.url()), { timeout: 20_000 });
  await signOut(page).click();
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Email address')).toHaveAttribute('autocomplete', 'username webauthn');
  // One way to ask for it on the page: the card's own button, not a second one of the app's.
  await expect(page.getByRole('button', { name: 'Sign in with a passkey' })).toHaveCount(1);
  // The autofill request has its challenge and waits for a user who is away; the next challenge
  // asked for is the button's, and the user is back for it.
  await autofillAsked;
  await page.route(isPasskeyChallenge, async (route) => {
    await authenticator.setUserPresent(true);
    await route.continue();
  }, { times: 1 });
  await page.locator('janua-sign-in').getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(page.getByTestId('hook-user')).toHaveText('Welcome, Hedy.');
  await expect(signedIn).toHaveCount(2);

  // Signed out with the user present: the form that comes back offers the passkey in autofill,
  // the user takes it, and the app is signed in again with no button pressed.
  await signOut(page).click();
  await expect(signedIn).toHaveCount(3);
  await expect(page.getByTestId('hook-user')).toHaveText('Welcome, Hedy.');
  await authenticator.remove();
});
