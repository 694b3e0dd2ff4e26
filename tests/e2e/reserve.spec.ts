import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { PAGE_URL, expect, strongPassword, test, uniqueEmail } from './support.ts';

/*
 * The space a page holds for an element before the kit defines it, as the element's README gives
 * it (components/sign-in/README.md, "Reserving its space"; components/user-button/README.md, "No
 * layout shift"): with that rule, nothing on the page moves when the element first renders
 * (bench:render's CLS). Read from the READMEs, so the advice and the elements cannot drift apart.
 */
const readme = (name: string) => readFileSync(fileURLToPath(new URL(`../../components/${name}/README.md`, import.meta.url)), 'utf8');
const rule = /```css\n(janua-sign-in \{ display: block; min-block-size: [\d.]+rem; \})\n```/.exec(readme('sign-in'))?.[1];
const buttonRule = /`(janua-user-button:not\(:defined\) \{[^`]+\})`/.exec(readme('user-button'))?.[1];

/** A page like a real one: a heading above the card, a footer under it, the README's rule in its CSS. */
async function open(page: Page, css: string, card: string): Promise<void> {
  await page.route(`${PAGE_URL}/reserve.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reserve</title>
<style>body { margin: 0; padding: 1.5rem; font: 16px/1.5 system-ui, sans-serif; } ${css}</style>
<script type="module" src="/janua.js"></script></head>
<body><h1>Acme</h1>${card}<footer><p>Terms and help.</p></footer></body></html>`,
  }));
  // Each layout shift, with what moved and where, so a failure says what the reserve missed.
  await page.addInitScript(() => {
    type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] };
    const shifts: string[] = ((window as unknown as { shifts: string[] }).shifts = []);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Shift[]) {
        if (e.hadRecentInput) continue;
        const moved = (e.sources ?? []).map((s) => `${s.node?.nodeName} y ${s.previousRect.y} → ${s.currentRect.y}`);
        shifts.push(`${e.value.toFixed(4)}: ${moved.join(', ')}`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto('/reserve.html');
}

/** Two animation frames after the card is complete, so a shift it caused has been reported. */
const settled = (page: Page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

test('the README\'s reserve holds the default card: nothing under it moves when it renders', async ({ page }) => {
  expect(rule, 'the README gives the rule').toBeTruthy();
  await open(page, rule!, `<janua-sign-in api="${PAGE_URL}"></janua-sign-in>`);
  const card = page.locator('janua-sign-in');
  // The default card in a browser that can use passkeys, against a server that sends sign-in links.
  await expect(card.getByRole('button', { name: 'Sign in with a passkey' })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Email me a sign-in link' })).toBeVisible();
  await settled(page);
  expect(await page.evaluate(() => (window as unknown as { shifts: string[] }).shifts)).toEqual([]);
  const { content, reserve } = await card.evaluate((el) => ({
    content: [...el.children].reduce((sum, child) => sum + child.getBoundingClientRect().height, 0),
    reserve: parseFloat(getComputedStyle(el).minBlockSize),
  }));
  expect(content).toBeGreaterThan(0);
  expect(content).toBeLessThanOrEqual(reserve);
});

test('the user button\'s rule from its README: a signed-in page does not move when the button appears', async ({ page }) => {
  expect(buttonRule, 'the README gives the rule').toBeTruthy();
  // Signed up through the page's own origin (the API is proxied there), so the refresh cookie is
  // the page's and the provider restores the session on load.
  const response = await page.request.post(`${PAGE_URL}/api/v1/auth/signup`, {
    data: { email: uniqueEmail('reserve'), password: strongPassword(), first_name: 'Rosa', last_name: 'Parks' },
  });
  expect(response.status(), await response.text()).toBe(201);
  await open(page, buttonRule!, `<janua-provider api="${PAGE_URL}"><janua-user-button></janua-user-button></janua-provider>`);
  await expect(page.locator('janua-user-button').getByRole('button', { name: /Rosa Parks/ })).toBeVisible();
  await settled(page);
  expect(await page.evaluate(() => (window as unknown as { shifts: string[] }).shifts)).toEqual([]);
});
