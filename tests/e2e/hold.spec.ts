import { API_URL, PAGE_URL, expect, test } from './support.ts';

/*
 * `data-janua-hold` (components/internal/light-region.ts): the framework wrappers render it so a
 * hydrating framework finds only the children it rendered, and take it off once they have the
 * element. Server HTML that nothing hydrates carries it too (React's `renderToStaticMarkup`, an
 * Astro island without a client directive, a page swapped in by Turbo): without a wrapper on the
 * page (which says so by `globalThis.__januaHold`) the hold is let go at once, and with one, at
 * the latest when the page has loaded.
 */
test('an element held by server HTML that nothing hydrates shows its form', async ({ page }) => {
  await page.route(`${PAGE_URL}/held.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Held</title>
<script type="module" src="/janua.js"></script></head>
<body><main><janua-sign-in api="${API_URL}" app-name="Acme" data-janua-hold=""></janua-sign-in></main></body></html>`,
  }));
  await page.goto('/held.html');
  await expect(page.locator('janua-sign-in input[name="email"]')).toBeVisible();
  await expect(page.locator('janua-sign-in')).not.toHaveAttribute('data-janua-hold');
});

test('while held, an element leaves its light DOM alone; taking the hold off shows the form', async ({ page }) => {
  await page.goto('/');
  // Created after the page loaded, as a hydrating framework meets it: held until told.
  await page.evaluate(async (api) => {
    await customElements.whenDefined('janua-sign-in');
    // A wrapper that takes holds off is on the page (React's and Vue's set this as they load).
    (globalThis as { __januaHold?: number }).__januaHold = 1;
    const el = document.createElement('janua-sign-in');
    el.setAttribute('api', api);
    el.setAttribute('data-janua-hold', '');
    el.id = 'held';
    document.body.append(el);
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  }, API_URL);
  await expect(page.locator('#held')).toHaveJSProperty('childElementCount', 0);
  await page.evaluate(() => document.getElementById('held')!.removeAttribute('data-janua-hold'));
  await expect(page.locator('#held input[name="email"]')).toBeVisible();
});

test('inserted after the page has loaded, with no wrapper on the page, a held element shows its form at once', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(async (api) => {
    await customElements.whenDefined('janua-sign-in');
    // As Turbo or htmx would put server HTML in: no framework will ever take the hold off.
    document.body.insertAdjacentHTML('beforeend', `<janua-sign-in id="swapped" api="${api}" data-janua-hold=""></janua-sign-in>`);
  }, API_URL);
  await expect(page.locator('#swapped input[name="email"]')).toBeVisible();
  await expect(page.locator('#swapped')).not.toHaveAttribute('data-janua-hold');
});
