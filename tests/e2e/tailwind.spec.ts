import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_PORT, PAGE_URL } from './env.ts';
import { expect, expectNoAxeViolations, test } from './support.ts';

/*
 * The Tailwind v4 bridge, proven on the example app (examples/tailwind-shadcn): its stylesheet is
 * built here with the real Tailwind CLI, then the page (served with the built kit) shows that
 * - the shadcn-style variables (--primary, --card, --radius, …) are the Janua tokens: the
 *   element's button and card wear exactly the app's colours and radius, in light and `.dark`;
 * - @janua/themes/tailwind.css made the Janua tokens Tailwind utilities (bg-janua-*, rounded-janua…).
 */
const root = join(import.meta.dirname, '../..');
const example = join(root, 'examples/tailwind-shadcn');
const out = join(root, 'test-results/tailwind-example');

test.beforeAll(() => {
  mkdirSync(out, { recursive: true });
  const cli = join(root, 'node_modules/@tailwindcss/cli/dist/index.mjs');
  const run = spawnSync(process.execPath, [cli, '-i', join(example, 'app.css'), '-o', join(out, 'app.built.css')], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
});

test('a Tailwind v4 + shadcn-style app themes the elements with one import, light and dark', async ({ page }) => {
  const css = readFileSync(join(out, 'app.built.css'), 'utf8');
  expect(css).toContain('tailwindcss v4.');
  for (const utility of ['.bg-janua-surface-muted', '.rounded-janua', '.p-janua', '.text-janua-muted', '.border-janua-border', '.font-janua']) {
    expect(css, `${utility} generated from @janua/themes/tailwind.css`).toContain(`${utility} {`);
  }
  await page.route(`${PAGE_URL}/tailwind-example/**`, (route) => {
    const file = new URL(route.request().url()).pathname.split('/').pop()!;
    if (file === 'app.built.css') return route.fulfill({ body: css, contentType: 'text/css' });
    if (file === 'index.html') {
      const body = readFileSync(join(example, 'index.html'), 'utf8').replace(/:8787\b/g, `:${API_PORT}`);
      return route.fulfill({ body, contentType: 'text/html' });
    }
    return route.fulfill({ status: 404 });
  });
  await page.goto('/tailwind-example/index.html');
  const submit = page.locator('janua-sign-in button[type="submit"]');
  await expect(submit).toBeVisible();

  const look = () => page.evaluate(() => {
    const style = (el: Element | null | undefined) => getComputedStyle(el!);
    const signIn = document.querySelector('janua-sign-in')!;
    const card = signIn.shadowRoot!.querySelector('.card');
    const button = signIn.querySelector('button[type="submit"]');
    const input = signIn.querySelector('.janua-input');
    const appCard = document.getElementById('app-card');
    const badge = document.getElementById('app-badge');
    const utility = document.getElementById('janua-utility');
    return {
      button: style(button).backgroundColor, badge: style(badge).backgroundColor,
      label: style(button).color, badgeText: style(badge).color,
      card: style(card).backgroundColor, appCard: style(appCard).backgroundColor,
      radius: style(card).borderTopLeftRadius, appRadius: style(appCard).borderTopLeftRadius,
      text: style(signIn.querySelector('.janua-label')).color, appText: style(appCard).color,
      inputBg: style(input).backgroundColor, page: style(document.body).backgroundColor,
      utilityBg: style(utility).backgroundColor, utilityText: style(utility).color, utilityPad: style(utility).paddingTop,
      utilityRadius: style(utility).borderTopLeftRadius,
    };
  });

  const light = await look();
  expect(light.button).toBe('rgb(190, 18, 60)');
  expect(light.button).toBe(light.badge);
  expect(light.label).toBe(light.badgeText);
  expect(light.card).toBe(light.appCard);
  expect(light.radius).toBe('12px');
  expect(light.radius).toBe(light.appRadius);
  expect(light.text).toBe(light.appText);
  expect(light.inputBg).toBe(light.page);
  // Janua tokens as utilities: --janua-color-surface-muted is shadcn's --muted here.
  expect(light.utilityBg).toBe('rgb(245, 245, 244)');
  expect(light.utilityText).toBe('rgb(87, 83, 78)');
  expect(light.utilityPad).toBe('16px');
  expect(light.utilityRadius).toBe('12px');
  await expectNoAxeViolations(page, 'Tailwind example, light');

  await page.evaluate(() => document.documentElement.classList.add('dark'));
  await expect.poll(async () => { const l = await look(); return [l.card, l.button]; }).toEqual(['rgb(28, 25, 23)', 'rgb(253, 164, 175)']);
  const dark = await look();
  expect(dark.button).toBe('rgb(253, 164, 175)');
  expect(dark.button).toBe(dark.badge);
  expect(dark.label).toBe(dark.badgeText);
  expect(dark.card).toBe(dark.appCard);
  expect(dark.text).toBe(dark.appText);
  expect(dark.utilityBg).toBe('rgb(41, 37, 36)');
  await expectNoAxeViolations(page, 'Tailwind example, dark');
});
