import { DEMO_LOGIN } from '../../packages/server/src/seed.ts';
import { DEMO_URL, expect, expectNoAxeViolations, test } from './support.ts';

// The demo site's account pages (npm start): the profile behind the seeded login, the user button
// in every header, and the forgot, reset and verify pages the sign-in form and the mails lead to.

test('demo: the account page, the user button, and the way from "Forgot password?" to the recovery pages', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`${DEMO_URL}/account.html`);
  const form = page.locator('janua-sign-in form');
  await expect(form).toBeVisible();
  await expectNoAxeViolations(page, 'demo account page, signed out');

  await form.getByLabel('Email address').fill(DEMO_LOGIN.email);
  await form.getByLabel('Password', { exact: true }).fill(DEMO_LOGIN.password);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
  const profile = page.locator('janua-user-profile');
  await expect(profile.locator('[data-janua-region="profile"]').getByLabel('First name')).toHaveValue('Demo');
  await expect(profile.locator('janua-session-list .janua-item').first()).toContainText('This device');
  await expectNoAxeViolations(page, 'demo account page, signed in');

  const menu = page.locator('janua-user-button');
  await menu.getByRole('button', { name: 'Account menu for Demo User' }).click();
  await expect(menu.getByRole('menuitem')).toHaveText(['Manage account', 'Sign out']);
  await expectNoAxeViolations(page, 'demo user menu open');
  await menu.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(form).toBeVisible();

  await page.locator('janua-sign-in').getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password\/$/);
  await expect(page.locator('janua-forgot-password').getByLabel('Email address')).toBeVisible();
  await expectNoAxeViolations(page, 'demo forgot password');

  await page.goto(`${DEMO_URL}/reset-password/`);
  await expect(page.locator('janua-reset-password')).toContainText('This link is expired or was already used.');
  await expectNoAxeViolations(page, 'demo reset page without a token');

  // Signed out, a dead link says so (the token goes to the server once the restore has settled:
  // the platform confirms with the token alone); a live one would ask to sign in.
  await page.goto(`${DEMO_URL}/verify-email/?token=not-a-token`);
  await expect(page.locator('janua-verify-email')).toContainText('This link is expired or was already used.');
  await expectNoAxeViolations(page, 'demo verify page, signed out');
});
