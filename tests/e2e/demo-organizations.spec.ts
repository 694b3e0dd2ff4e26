import { DEMO_LOGIN } from '../../packages/server/src/seed.ts';
import { DEMO_URL, expect, expectNoAxeViolations, test } from './support.ts';

// The demo site's organizations page: the seeded login owns "Janua Demo" and is a member of
// "Analytical Engines"; the switcher in the header changes what the page shows, no reload.

test('demo /organizations.html: switch between the seeded organizations; the profile and role-gated note follow', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${DEMO_URL}/organizations.html`);
  const form = page.locator('janua-sign-in form');
  await form.getByLabel('Email address').fill(DEMO_LOGIN.email);
  await form.getByLabel('Password', { exact: true }).fill(DEMO_LOGIN.password);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
  const trigger = page.locator('janua-org-switcher [part="trigger"]');
  await expect(trigger).toBeVisible();
  await expectNoAxeViolations(page, 'demo organizations signed in');

  await trigger.click();
  await page.getByRole('menuitemradio', { name: /Janua Demo/ }).click();
  await expect(trigger.locator('[part="role"]')).toHaveText('Owner');
  await expect(page.locator('janua-org-profile [part="heading"]')).toHaveText('Janua Demo');
  await expect(page.getByText('Owners and admins see this note')).toBeVisible();
  await expectNoAxeViolations(page, 'demo owner of Janua Demo');

  await trigger.click();
  await page.getByRole('menuitemradio', { name: /Analytical Engines/ }).click();
  await expect(trigger.locator('[part="role"]')).toHaveText('Member');
  await expect(page.locator('janua-org-profile [part="heading"]')).toHaveText('Analytical Engines');
  await expect(page.getByText('This note is for owners and admins')).toBeVisible();
  await expect(page.locator('janua-org-profile').getByRole('tab', { name: 'Invitations' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'demo member of Analytical Engines');

  // Back to personal, so the demo account is left as other tests expect it.
  await trigger.click();
  await page.getByRole('menuitemradio', { name: 'Personal workspace' }).click();
  await expect(trigger).toContainText('Personal workspace');
});
