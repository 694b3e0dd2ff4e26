/**
 * Type tests: an app's TypeScript against each built wrapper's published typings
 * (tests/wrappers/types/: React TSX, Vue render functions and GlobalComponents, Svelte component
 * props and raw tags, Astro components and Astro.locals). Props and event payloads are typed:
 * every `@ts-expect-error` line (a wrong prop, a wrong payload) must be an error, and is; without
 * those comments, exactly those lines fail.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = join(root, 'tests', 'wrappers', 'types');
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
const FILES = ['react.tsx', 'vue.ts', 'svelte.ts', 'astro.ts'];

function check(project: string): { code: number | null; errors: string[] } {
  const run = spawnSync(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { cwd: root, encoding: 'utf8' });
  return { code: run.status, errors: `${run.stdout}${run.stderr}`.split('\n').filter((l) => /error TS\d+/.test(l)) };
}

before(() => {
  const run = spawnSync(process.execPath, ['scripts/ensure-built.mjs', 'manifest', 'packages', 'wrappers'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  for (const pkg of ['wrappers/react', 'wrappers/vue', 'wrappers/svelte', 'wrappers/astro', 'wrappers/ssr']) {
    assert.ok(existsSync(join(root, pkg, 'dist', 'index.d.ts')), `${pkg} is built`);
  }
});

test('the fixtures type-check, each expected error included', () => {
  const { code, errors } = check(join(fixtures, 'tsconfig.json'));
  assert.deepEqual(errors, []);
  assert.equal(code, 0);
});

test('without the @ts-expect-error comments, exactly the marked lines are errors', () => {
  const dir = mkdtempSync(join(fixtures, '.strip-'));
  try {
    const marked = new Map<string, number[]>();
    for (const file of FILES) {
      const lines = readFileSync(join(fixtures, file), 'utf8').split('\n');
      const next: number[] = [];
      const out = lines.map((line, i) => {
        if (!/@ts-expect-error/.test(line)) return line;
        next.push(i + 2);
        return ''; // the line numbers stay put
      });
      marked.set(file, next);
      writeFileSync(join(dir, file), out.join('\n'));
    }
    const config = JSON.parse(readFileSync(join(fixtures, 'tsconfig.json'), 'utf8').replace(/^\s*\/\/.*$/gm, ''));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
    const { errors } = check(join(dir, 'tsconfig.json'));
    for (const file of FILES) {
      const expected = marked.get(file)!;
      assert.ok(expected.length >= 3, `${file} has wrong props and payloads to check`);
      const got = [...new Set(errors.filter((e) => e.includes(file)).map((e) => Number(/\((\d+),\d+\)/.exec(e)?.[1])))].sort((a, b) => a - b);
      assert.deepEqual(got, expected, `${file}: lines with errors\n${errors.join('\n')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

