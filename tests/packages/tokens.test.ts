/**
 * docs/tokens.md is generated from the code (scripts/tokens.mjs) and up to date; every knob the
 * element styles read is documented by its element, with the default the code really has.
 * tests/unit/tokens.test.ts then checks in a browser that each documented token paints its surface.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain ESM script without types
import { collect, shortDefault } from '../../scripts/tokens.mjs';

const root = join(import.meta.dirname, '../..');

test('docs/tokens.md is what scripts/tokens.mjs generates, with no undocumented knob or wrong default', () => {
  const run = spawnSync(process.execPath, [join(root, 'scripts/tokens.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});

test('the table lists every global token of tokens.ts and every --janua-* name the elements read', () => {
  const table = readFileSync(join(root, 'docs/tokens.md'), 'utf8');
  const { globals, knobs } = collect() as { globals: { name: string }[]; knobs: { name: string }[] };
  assert.ok(globals.length >= 25 && knobs.length >= 40, `${globals.length} tokens, ${knobs.length} knobs`);
  for (const { name } of [...globals, ...knobs]) assert.match(table, new RegExp(`\\| \`${name}\` \\|`), name);
  const styles = spawnSync('grep', ['-rhoE', '--include=*.ts', 'var\\(--janua-[a-z0-9-]+[,)]', join(root, 'components')], { encoding: 'utf8' }).stdout;
  const read = new Set(styles.split('\n').filter(Boolean).map((s) => s.slice(4, -1)));
  for (const name of read) assert.match(table, new RegExp(`\\| \`${name}\` \\|`), `${name} is read by an element but not in docs/tokens.md`);
});

test('defaults are compared without their nested fallbacks, as the JSDoc writes them', () => {
  assert.equal(shortDefault('calc(1.5 * var(--janua-space, 1rem))'), 'calc(1.5 * var(--janua-space))');
  assert.equal(shortDefault('var(--janua-a, var(--janua-b, rgb(0 0 0 / 0.1)))'), 'var(--janua-a)');
  assert.equal(shortDefault('#fff'), '#fff');
});

test('the README theming section points at the table', () => {
  assert.match(readFileSync(join(root, 'README.md'), 'utf8'), /\]\(docs\/tokens\.md\)/);
});
