import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';

/*
 * The built kit as a page receives it: dist/janua.js alone must define every element without
 * fetching anything else, and each dist/elements/<name>.js must define its own tag.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'dist');

/** Tag of each element folder, read from its define.ts. */
function tagsByElement(): Map<string, string> {
  const tags = new Map<string, string>();
  const components = join(root, 'components');
  for (const dir of readdirSync(components, { withFileTypes: true })) {
    const define = join(components, dir.name, 'define.ts');
    if (!dir.isDirectory() || dir.name === 'internal' || !existsSync(define)) continue;
    const tag = /defineElement\(\s*['"]([a-z0-9-]+)['"]/.exec(readFileSync(define, 'utf8'))?.[1];
    if (tag) tags.set(dir.name, tag);
  }
  return tags;
}

const tags = tagsByElement();

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

test('dist/janua.js alone defines every element and fetches nothing else', async ({ page }) => {
  expect(tags.size).toBeGreaterThan(0);
  const requests = await blankPage(page);
  await importModule(page, '/kit/janua.js');
  const missing = await page.evaluate((all) => all.filter((tag) => !customElements.get(tag)), [...tags.values()]);
  expect(missing, 'elements not defined by dist/janua.js').toEqual([]);
  expect(requests).toEqual(['/kit/janua.js']);
});

for (const [name, tag] of tags) {
  test(`dist/elements/${name}.js defines <${tag}>`, async ({ page }) => {
    const requests = await blankPage(page);
    await importModule(page, `/kit/elements/${name}.js`);
    expect(await page.evaluate((t) => Boolean(customElements.get(t)), tag)).toBe(true);
    // Its shared chunks come from the kit's own folder, never from elsewhere.
    for (const path of requests) expect(path).toMatch(/^\/kit\/elements\//);
  });
}

test('the bundle holds no reference-server code and no Node built-in', () => {
  const map = JSON.parse(readFileSync(join(dist, 'janua.js.map'), 'utf8')) as { sources: string[] };
  expect(map.sources.length).toBeGreaterThan(0);
  expect(map.sources.filter((s) => s.includes('packages/server') || s.startsWith('node:'))).toEqual([]);
  const code = readFileSync(join(dist, 'janua.js'), 'utf8');
  expect(code).not.toMatch(/\bfrom\s*["']node:|\brequire\(/);
});
