import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './support.ts';

/*
 * The kit's build writes each lazy locale catalog of `janua.js` without its keys (the English
 * catalog's order stands for them; vite.config.ts, `compactCatalogs`). Each chunk, loaded in the
 * browser the way `janua.js` loads it, must give exactly the catalog its source module exports.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const chunks = readdirSync(join(root, 'dist/chunks')).filter((f) => /^locale-.+\.js$/.test(f));
/** The source module of a chunk's tag: `pt-br` → `pt-BR.ts`. */
const sourceOf = (tag: string) => tag.replace(/-([a-z]{2})$/, (_, region: string) => `-${region.toUpperCase()}`);

test('nine locale chunks are built, none of them carrying its keys', () => {
  expect(chunks).toHaveLength(9);
  for (const file of chunks) {
    const text = readFileSync(join(root, 'dist/chunks', file), 'utf8');
    expect(text, file).not.toContain('field.email');
    expect(text, file).not.toContain('org.members');
    // Nor the keys of the families translated in the core file: sign-up, a new password, the magic-link page.
    expect(text, file).not.toContain('signUp.title');
    expect(text, file).not.toContain('validation.password_weak');
    expect(text, file).not.toContain('magicLink.confirm');
  }
});

for (const file of chunks) {
  const tag = /^locale-(.+)-[\w-]{8}\.js$/.exec(file)![1]!;
  test(`the built ${tag} catalog is its source, string for string`, async ({ page }) => {
    const source = (await import(`../../packages/core/src/i18n/${sourceOf(tag)}.ts`)) as { default: Record<string, string> };
    await page.goto('/sign-in.html');
    const built = await page.evaluate(async (url) => ((await import(url)) as { default: Record<string, string> }).default, `/chunks/${file}`);
    expect(Object.keys(built).length).toBeGreaterThan(300);
    expect(built).toEqual(source.default);
  });
}
