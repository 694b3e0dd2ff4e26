import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test as base, type BrowserContext, type Page } from '@playwright/test';
import { tagsByElement } from '../element-tags.ts';

/*
 * The built kit as a page receives it: dist/janua.js alone must define every element, fetching
 * nothing but the chunks beside it (dist/chunks/), and those only when a lazy part is needed. Each
 * dist/elements/<name>.js alone, defining what its element renders from its own folder's chunks:
 * tests/e2e/entries.spec.ts.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'dist');

const tags = tagsByElement();

/**
 * Each test gets a page of its own (its own custom element registry), opened in a browser context
 * its worker keeps: a new context for each of some thirty element entries cost about a second each
 * on two shared cores. Nothing a test checks depends on a context of its own (no storage, no
 * cookies; the HTTP cache leaves the requests a page makes as they are).
 */
const test = base.extend<{ page: Page }, { kitContext: BrowserContext }>({
  kitContext: [
    async ({ browser }, use) => {
      const context = await browser.newContext({ baseURL: `http://127.0.0.1:${process.env['JANUA_STORIES_PORT']}` });
      await use(context);
      await context.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ kitContext }, use) => {
    const page = await kitContext.newPage();
    await use(page);
    await page.close();
  },
});

/** A blank page on the test origin that records every request it makes. */
async function blankPage(page: Page): Promise<string[]> {
  await page.route('**/blank.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>kit</title></html>' }),
  );
  await page.goto('/blank.html');
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  return requests;
}

async function importModule(page: Page, path: string): Promise<void> {
  const error = await page.evaluate(async (src) => {
    try {
      await import(src);
      return null;
    } catch (e) {
      return String(e);
    }
  }, path);
  expect(error, `import ${path}`).toBeNull();
}

test('dist/janua.js alone defines every element, fetching only from beside itself', async ({ page }) => {
  expect(tags.size).toBeGreaterThan(0);
  const requests = await blankPage(page);
  await importModule(page, '/kit/janua.js');
  const missing = await page.evaluate((all) => all.filter((tag) => !customElements.get(tag)), [...tags.values()]);
  expect(missing, 'elements not defined by dist/janua.js').toEqual([]);
  expect(requests[0]).toBe('/kit/janua.js');
  // Static chunks, if any, come from its own chunks/ folder; never the per-element build's.
  for (const path of requests.slice(1)) expect(path).toMatch(/^\/kit\/chunks\/[\w.-]+\.js$/);
});

test('dist/janua.js loads a locale from beside itself only when a page asks for it', async ({ page }) => {
  const requests = await blankPage(page);
  await importModule(page, '/kit/janua.js');
  const before = requests.length;
  // A French element (no server: it shows its "not connected" message); its catalog is a lazy chunk next to janua.js.
  await page.evaluate(() => {
    const el = document.createElement('janua-sign-in');
    el.setAttribute('locale', 'fr');
    document.body.append(el);
  });
  const message = () => page.evaluate(() =>
    (document.querySelector('janua-sign-in')?.shadowRoot?.querySelector('janua-alert') as (Element & { message?: string }) | null)?.message ?? '');
  // No deadline of its own: the test's timeout bounds how long the catalog may take.
  await expect.poll(message, { timeout: 0 }).toContain('connecté');
  const lazy = requests.slice(before);
  expect(lazy.filter((p) => /^\/kit\/chunks\/locale-fr-[\w-]+\.js$/.test(p)), `requests after import: ${lazy.join(', ')}`).toHaveLength(1);
  expect(lazy.every((p) => p.startsWith('/kit/chunks/')), lazy.join(', ')).toBe(true);
});

test('the bundle holds no reference-server code and no Node built-in', () => {
  const files = ['janua.js', ...(existsSync(join(dist, 'chunks')) ? readdirSync(join(dist, 'chunks')).filter((f) => f.endsWith('.js')).map((f) => `chunks/${f}`) : [])];
  for (const file of files) {
    if (!existsSync(join(dist, `${file}.map`))) {
      // Chunks with no source of ours get no map: the bundler's runtime helper (rolldown's
      // `__export`, which imports nothing), or a re-export of what another chunk holds.
      const code = readFileSync(join(dist, file), 'utf8').trim();
      if (/^chunks\/rolldown-runtime-/.test(file)) expect(code, file).not.toMatch(/\bimport\b|\brequire\(/);
      else expect(code, file).toMatch(/^export\s*\{[^}]*\}\s*from\s*"\.{1,2}\/[\w./-]+\.js";?$/);
      continue;
    }
    const map = JSON.parse(readFileSync(join(dist, `${file}.map`), 'utf8')) as { sources: string[] };
    expect(map.sources.length, file).toBeGreaterThan(0);
    expect(map.sources.filter((s) => s.includes('packages/server') || s.startsWith('node:')), file).toEqual([]);
    const code = readFileSync(join(dist, file), 'utf8');
    expect(code, file).not.toMatch(/\bfrom\s*["']node:|\brequire\(/);
  }
});
