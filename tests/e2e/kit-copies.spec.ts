import { expect, test } from './support.ts';

// dist/elements/sign-in.js and dist/janua.js on one page are two copies of the kit's code, each
// with its own id counter: ids must still be unique and every label must name its own input.
test('two copies of the kit on one page give distinct, correctly paired ids', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto('/two-copies.html');
  await expect(page.locator('janua-sign-up input[name="password"]')).toBeVisible();
  await expect(page.locator('janua-sign-in input[name="password"]')).toBeVisible();
  const pairs = await page.evaluate(() => [...document.querySelectorAll('label')].map((label) => ({
    for: label.htmlFor,
    owner: label.closest('janua-sign-in, janua-sign-up')?.localName,
    controlOwner: label.control?.closest('janua-sign-in, janua-sign-up')?.localName ?? null,
  })));
  const ids = await page.evaluate(() => [...document.querySelectorAll('input')].map((i) => i.id));
  expect(pairs.length).toBeGreaterThanOrEqual(6);
  for (const pair of pairs) expect(pair.controlOwner, `label for=${pair.for}`).toBe(pair.owner);
  expect(new Set(ids).size).toBe(ids.length);
  // The second copy found the tag taken and said so instead of throwing.
  expect(warnings.some((w) => w.includes('<janua-sign-in> is already defined'))).toBe(true);
  // Clicking a label focuses its own input.
  await page.locator('janua-sign-up label', { hasText: 'Email' }).click();
  await expect(page.locator('janua-sign-up input[name="email"]')).toBeFocused();
});
