import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

/*
 * Storybook has a docs page per element, built from custom-elements.json: the element's summary
 * and a table of its attributes, properties, events, slots and parts. Controls come from the same
 * types: an optional string is a text control ("Set string"), never an object editor.
 */

interface Entry { type: 'story' | 'docs'; id: string; importPath: string }
interface Declaration {
  tagName?: string;
  summary?: string;
  attributes?: { name: string; type?: { text?: string } }[];
}

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const index = JSON.parse(read('../../storybook-static/index.json')) as { entries: Record<string, Entry> };
const manifest = JSON.parse(read('../../custom-elements.json')) as { modules: { declarations?: Declaration[] }[] };
const declarations = new Map(manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName!, d]));

/** Each docs page with the element its story file is about (`component: 'janua-…'`). */
const pages = Object.values(index.entries).filter((e) => e.type === 'docs').map((e) => ({
  id: e.id,
  tag: /component:\s*'(janua-[a-z-]+)'/.exec(read(`../../${e.importPath.replace(/^\.\//, '')}`))?.[1],
})).filter((p): p is { id: string; tag: string } => Boolean(p.tag));

test('every element with a story file has a docs page', () => {
  const storied = new Set(Object.values(index.entries).filter((e) => e.type === 'story')
    .map((e) => /component:\s*'(janua-[a-z-]+)'/.exec(read(`../../${e.importPath.replace(/^\.\//, '')}`))?.[1]).filter(Boolean));
  expect(storied.size).toBeGreaterThan(5);
  expect(new Set(pages.map((p) => p.tag))).toEqual(storied);
});

/*
 * Rendering a docs page renders every story of its element (forms against the in-browser server),
 * so three representative pages are opened: a primitive, a status gate, a credential form. The
 * pages of the others are the same template over their own manifest entries.
 */
const OPENED = ['janua-button', 'janua-signed-in', 'janua-sign-in'];

for (const { id, tag } of pages.filter((p) => OPENED.includes(p.tag))) {
  test(`${tag}: its docs page shows the manifest's summary and attributes, with value controls`, async ({ page }) => {
    test.setTimeout(120_000);
    const d = declarations.get(tag)!;
    await page.goto(`/iframe.html?viewMode=docs&id=${id}`);
    const docs = page.locator('.sbdocs-content');
    // The manifest's summary opens the page, unless the story file gives the element a note of its own.
    const file = read(`../../${Object.values(index.entries).find((e) => e.id === id)!.importPath.replace(/^\.\//, '')}`);
    const own = /description:\s*\{\s*component:\s*`([^`$]{20,})/.exec(file)?.[1];
    await expect(docs).toContainText((own ?? d.summary!).split('\n')[0]!.slice(0, 40), { timeout: 90_000 });
    const table = docs.locator('table').first();
    for (const attr of d.attributes ?? []) {
      const row = table.locator('tr', { has: page.locator('td:first-child', { hasText: new RegExp(`^${attr.name}\\*?$`) }) }).first();
      await expect(row, `${tag}: a row for ${attr.name}`).toBeVisible();
      if (/^string( \| (undefined|null))*$/.test(attr.type?.text ?? '')) {
        await expect(row, `${tag}: ${attr.name} is edited as text`).not.toContainText('Set object');
      }
    }
  });
}
