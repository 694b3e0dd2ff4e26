import { DEMO_LOGIN } from '../../packages/server/src/seed.ts';
import { DEMO_URL, expect, expectNoAxeViolations, test } from './support.ts';

// The demo site that `npm start` serves, against the e2e server (which also runs with --seed):
// no inline script or style anywhere, accessible in both themes, and the seeded login works.

for (const path of ['/', '/dark.html']) {
  test(`demo ${path}: the seeded login signs in and out under the strict CSP`, async ({ page }) => {
    await page.goto(`${DEMO_URL}${path}`);
    const form = page.locator('janua-sign-in form');
    await expect(form).toBeVisible();
    // The page learnt the API URL from the generated /config.js.
    await expect(page.locator('[data-demo-api-url]')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expectNoAxeViolations(page, `demo ${path} signed out`);

    await form.getByLabel('Email address').fill(DEMO_LOGIN.email);
    await form.getByLabel('Password', { exact: true }).fill(DEMO_LOGIN.password);
    await form.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator('janua-user-name').getByText('Demo User')).toBeVisible();
    await expectNoAxeViolations(page, `demo ${path} signed in`);

    await page.locator('janua-sign-out-button').getByRole('button', { name: 'Sign out' }).click();
    await expect(page.locator('janua-sign-in form')).toBeVisible();
  });
}

test('demo /magic-link: the page the sign-in mail opens is there, under the strict CSP, and says when a link no longer works', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${DEMO_URL}/magic-link?token=not-a-real-token`);
  // Not asked for in this browser: a question first.
  await page.locator('janua-magic-link').getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
  await expectNoAxeViolations(page, 'demo /magic-link with a spent link');
  expect(violations).toEqual([]);
});

test('demo pages reflow at 320 CSS px (WCAG 1.4.10): nothing makes the page scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of ['/', '/dark.html', '/account.html', '/organizations.html']) {
    await page.goto(`${DEMO_URL}${path}`);
    await expect(page.locator('.demo-header nav')).toBeVisible();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(wide, `${path}: page wider than the viewport by ${wide}px`).toBeLessThanOrEqual(0);
  }
});
