import { createUser, expect, expectNoAxeViolations, PAGE_URL, strongPassword, test, uniqueEmail } from './support.ts';

// `<janua-sign-in redirect-url="javascript:alert(1)">`: signing in must not run the script;
// the kit falls back to a same-origin page instead.

test('a javascript: redirect-url falls back to a same-origin page after sign-in', async ({ page, request }) => {
  const user = { email: uniqueEmail('redirect'), password: strongPassword(), firstName: 'Grace', lastName: 'Hopper' };
  await createUser(request, user);

  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const navigations: string[] = [];
  // Bindings survive navigations, so the event is recorded even if the page then navigates away.
  await page.exposeFunction('__januaRecordNavigate', (url: string) => {
    navigations.push(url);
  });
  await page.addInitScript(() => {
    document.addEventListener('janua-navigate', (event) => {
      const record = (window as unknown as { __januaRecordNavigate: (u: string) => void }).__januaRecordNavigate;
      void record((event as CustomEvent<{ url: string }>).detail.url);
    });
  });

  await page.goto('/redirect.html');
  const form = page.locator('janua-sign-in form');
  await expect(form).toBeVisible();
  await expectNoAxeViolations(page, 'redirect page signed out');
  await form.getByLabel('Email address').fill(user.email);
  await form.getByLabel('Password', { exact: true }).fill(user.password);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();

  await expect.poll(() => navigations.length, { message: 'a janua-navigate event after sign-in' }).toBeGreaterThan(0);
  for (const url of navigations) {
    expect(url).not.toMatch(/^\s*javascript:/i);
    expect(new URL(url, PAGE_URL).origin).toBe(PAGE_URL);
  }
  await page.waitForLoadState('load');
  expect(new URL(page.url()).origin).toBe(PAGE_URL);
  await expect(page.locator('janua-sign-out-button').getByRole('button', { name: 'Sign out' })).toBeVisible();
  expect(dialogs, 'no script ran from the redirect target').toEqual([]);
});
