/**
 * `npm run bench:compare` measures what it says: the first load of Janua's sign-in page is the
 * page's own entry and its static imports, not whichever lazy chunk esbuild listed first; its
 * total counts one lazy locale (the largest), as `npm run size` does, not all of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs script without types
import { CONTENDERS, measure } from '../../scripts/bench-compare.mjs';

test('the sign-in page is measured from its own entry: Lit, the client and the card, not one locale catalog', async () => {
  const outdir = mkdtempSync(join(tmpdir(), 'janua-bench-test-'));
  try {
    const contender = (CONTENDERS as { id: string }[]).find((c) => c.id === 'janua-sign-in');
    const result = await measure(contender, outdir);
    // A locale catalog is 6 to 7 KB gzip; the sign-in card with Lit and the client is far more.
    assert.ok(result.firstLoad.gzip > 15 * 1024, `first load ${result.firstLoad.gzip} B gzip`);
    assert.ok(result.firstLoad.files >= 1 && result.firstLoad.files < result.total.files);
    assert.ok(result.firstLoad.gzip < result.total.gzip);
    // Nine lazy catalogs (fr … he) are built; one of them, the largest, is in the total.
    assert.equal(result.locales.count, 9);
    assert.equal(result.locales.largest, 'ar');
    assert.equal(result.everyFile.files - result.total.files, 8, 'the eight smaller catalogs are left out of the total');
    assert.ok(result.everyFile.gzip - result.total.gzip > 8 * 4 * 1024, 'and their bytes with them');
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
