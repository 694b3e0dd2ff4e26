#!/usr/bin/env node
// Pictures of each theme for the README (docs/themes/<theme>.png), taken from the real built
// elements in the system Chromium: a sign-in card in its error state (submitted empty), so
// text, muted text, borders, the danger colour, the primary button and the focus ring all show.
//
//   node scripts/theme-pictures.mjs        builds the kit if stale, then writes docs/themes/*.png
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROME_FLAGS, findChrome, INSTALL_HINT } from './find-chrome.mjs';
import { createStaticServer } from './static-server.mjs';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const outDir = join(repoRoot, 'docs', 'themes');

/** The token sheets (tailwind*.css are build inputs, not themes); auto is pictured in both schemes. */
export function pictures() {
  const sheets = readdirSync(join(repoRoot, 'themes')).filter((f) => f.endsWith('.css') && !f.startsWith('tailwind')).map((f) => f.replace(/\.css$/, ''));
  return sheets.flatMap((theme) => (theme === 'auto'
    ? [{ theme, scheme: 'light', file: 'auto-light.png' }, { theme, scheme: 'dark', file: 'auto-dark.png' }]
    : [{ theme, scheme: 'light', file: `${theme}.png` }]));
}

const page = (theme) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <link rel="stylesheet" href="/themes/${theme}.css">
  <link rel="stylesheet" href="/page.css">
  <script type="module" src="/janua.js"></script>
</head>
<body>
  <main><janua-sign-in api="http://127.0.0.1:9" sign-up-url="#up" forgot-password-url="#forgot"></janua-sign-in></main>
</body>
</html>`;

const pageCss = `body { margin: 0; background: var(--janua-color-background); }
main { padding: 24px; inline-size: 26rem; }`;

async function main() {
  const built = spawnSync(process.execPath, [join(repoRoot, 'scripts/ensure-built.mjs'), 'kit'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const executablePath = findChrome();
  if (!executablePath) throw new Error(INSTALL_HINT);
  const site = mkdtempSync(join(tmpdir(), 'janua-pictures-'));
  writeFileSync(join(site, 'page.css'), pageCss);
  const shots = pictures();
  for (const { theme } of shots) writeFileSync(join(site, `${theme}.html`), page(theme));
  const server = createStaticServer({ root: site });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROME_FLAGS });
  try {
    mkdirSync(outDir, { recursive: true });
    for (const shot of shots) {
      const context = await browser.newContext({ colorScheme: shot.scheme, reducedMotion: 'reduce', viewport: { width: 520, height: 720 } });
      const tab = await context.newPage();
      await tab.goto(`${origin}/${shot.theme}.html`);
      const submit = tab.locator('janua-sign-in button[type="submit"]');
      await submit.waitFor();
      await submit.click();
      await tab.locator('janua-sign-in .janua-field-error:not(:empty)').first().waitFor();
      await tab.locator('janua-sign-in input[name="email"]').focus();
      await tab.locator('main').screenshot({ path: join(outDir, shot.file), animations: 'disabled' });
      console.log(`wrote docs/themes/${shot.file}`);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(site, { recursive: true, force: true });
  }
}

await main();
