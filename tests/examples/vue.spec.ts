import type { Page } from '@playwright/test';
import { createUser, signInThroughUi } from '@janua/testing';
import { expect, expectNoAxeViolations, test } from '../e2e/support.ts';
import { API_URL } from './env.mjs';

// The Vite + Vue example (examples/vue): app.use(janua, { api }), <SignIn @signed-in>, the
// globally registered <JanuaSignOutButton>, a raw <janua-user-name> (isCustomElement), and the
// composables. The API is called cross-origin on the same site (127.0.0.1).

const signOut = (page: Page) => page.locator('janua-sign-out-button').getByRole('button', { name: 'Sign out' });

test('sign in through <SignIn>; useUser and useAuth show the user; the protected section appears; sign out clears it', async ({ page }) => {
  const user = await createUser(API_URL, { firstName: 'Emmy' });
  await page.goto('/');
  await expect(page.getByTestId('status')).toHaveText('Signed out');
  await expect(page.getByTestId('protected')).toHaveCount(0);
  // A Vue named slot reached the element's slot of that name.
  await expect(page.locator('janua-sign-in > [slot="footer"]')).toHaveText('New here? Ask the admin for an account.');
  await expectNoAxeViolations(page, 'signed out');

  await signInThroughUi(page, user);
  await expect(page.getByTestId('composable-user')).toHaveText('Welcome, Emmy.');
  await expect(page.getByTestId('status')).toHaveText(`Signed in as ${user.email}`);
  await expect(page.getByTestId('events')).toContainText(`signed in ${user.id}`);
  await expect(page.getByTestId('protected').locator('janua-user-name')).toContainText(`Emmy ${user.lastName}`);
  await expect(page.getByTestId('organization')).toHaveText('Personal workspace');
  await expectNoAxeViolations(page, 'signed in');

  await page.reload();
  await expect(page.getByTestId('composable-user')).toHaveText('Welcome, Emmy.');

  await signOut(page).click();
  await expect(page.getByTestId('status')).toHaveText('Signed out');
  await expect(page.getByTestId('protected')).toHaveCount(0);
  await expect(page.getByTestId('events')).toContainText('signed out');
  await expect(page.locator('janua-sign-in form')).toBeVisible();
});
