/**
 * What reaches browsers holds no comment: a CSS comment in a Lit `css` template is template text
 * the minifier keeps, so the build takes them out (`janua:css-comments-out` in vite.config.ts),
 * one line or several. Reads every file of `dist/` the kit's pages load. Needs `npm run build:kit`.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { root } from './support.ts';

const dist = join(root, 'dist');

function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? scripts(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []);
}

test('no CSS or script comment in any built file the pages load', () => {
  assert.ok(existsSync(join(dist, 'janua.js')), 'dist/janua.js is built (npm run build:kit)');
  const files = scripts(dist);
  assert.ok(files.length > 20, 'the kit and its element entries');
  const found = files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/\/\*[\s\S]{0,60}/g)].map((m) => `${relative(root, file)}: ${m[0].replace(/\s+/g, ' ')}`);
  });
  assert.deepEqual(found, []);
});
