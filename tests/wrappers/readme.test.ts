/**
 * The README's framework quick start: every code block in it (but the install commands) names the
 * example app file it comes from (```tsx example=examples/react/src/App.tsx), and is an excerpt of
 * that file: its lines appear there in order, contiguous between the `…` marks. The example apps
 * are installed from the packed tarballs, built and driven in a browser by npm test (the examples
 * steps, tests/examples/), so every line the README shows is code a test runs.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FRAMEWORKS = ['React', 'Vue', 'SvelteKit', 'Astro'];
/** A line standing for lines left out. */
const ELISION = /^\s*(\/\/ …|<!-- … -->|\{\/\* … \*\/\})\s*$/;

interface Block { section: string; lang: string; file: string | null; code: string }

function quickStart(): Block[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Quick start with a framework\n');
  assert.ok(start >= 0, 'the README has a framework quick start');
  const end = readme.indexOf('\n## ', start + 1);
  const text = readme.slice(start, end < 0 ? undefined : end);
  const blocks: Block[] = [];
  let section = '';
  const re = /^### (.+)$|^```(\w+)(?: example=(\S+))?\n([\s\S]*?)^```$/gm;
  for (const m of text.matchAll(re)) {
    if (m[1]) section = m[1];
    else blocks.push({ section, lang: m[2]!, file: m[3] ?? null, code: m[4]! });
  }
  return blocks;
}

/** Splits an excerpt at its `…` lines into runs of lines, each of which must appear in order. */
function runs(code: string): string[][] {
  const out: string[][] = [[]];
  for (const line of code.replace(/\n$/, '').split('\n')) {
    if (ELISION.test(line)) out.push([]);
    else out.at(-1)!.push(line);
  }
  return out.filter((r) => r.length > 0);
}

/** Where `run` starts in `lines` at or after `from` (exact lines, contiguous), or -1. */
function find(lines: string[], run: string[], from: number): number {
  for (let i = from; i + run.length <= lines.length; i++) {
    if (run.every((line, k) => lines[i + k] === line)) return i;
  }
  return -1;
}

test('each framework has a quick start with an install command and excerpts of its example app', () => {
  const blocks = quickStart();
  for (const name of FRAMEWORKS) {
    const own = blocks.filter((b) => b.section.startsWith(name));
    assert.ok(own.some((b) => b.lang === 'sh' && /^npm i @janua\//.test(b.code)), `${name}: an install command`);
    assert.ok(own.filter((b) => b.file).length >= 2, `${name}: code from its example app`);
  }
  const loose = blocks.filter((b) => b.lang !== 'sh' && !b.file);
  assert.deepEqual(loose.map((b) => `${b.section}: ${b.code.split('\n')[0]}`), [], 'every code block names the example file it comes from');
});

test('every code block is an excerpt of the example file it names, in order', () => {
  for (const block of quickStart().filter((b) => b.file)) {
    assert.match(block.file!, /^examples\/(react|vue|svelte|astro)\//, `${block.file}: an example app's file`);
    const path = join(root, block.file!);
    assert.ok(existsSync(path), `${block.file} exists`);
    const lines = readFileSync(path, 'utf8').split('\n');
    let at = 0;
    for (const run of runs(block.code)) {
      const found = find(lines, run, at);
      assert.ok(found >= 0, `README (${block.section}): these lines are not in ${block.file} (in this order, after the previous excerpt):\n${run.join('\n')}`);
      at = found + run.length;
    }
  }
});

test('an excerpt that strays from its file is caught', () => {
  const lines = ['a', 'b', 'c', 'd'];
  assert.equal(find(lines, ['b', 'c'], 0), 1);
  assert.equal(find(lines, ['b', 'd'], 0), -1, 'contiguous');
  assert.equal(find(lines, ['a'], 1), -1, 'in order');
  assert.deepEqual(runs('a\n// …\nb\nc\n'), [['a'], ['b', 'c']]);
});

const PACKAGES = { React: 'wrappers/react', Vue: 'wrappers/vue', SvelteKit: 'wrappers/svelte', Astro: 'wrappers/astro' } as const;

/** The root README's text of one framework's quick start (after its heading), and its cookie paragraph. */
function rootSection(name: string): { body: string; cookie: string } {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Quick start with a framework\n');
  const text = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const heading = text.indexOf(`\n### ${name}`);
  assert.ok(heading >= 0, `the README has a ${name} section`);
  const next = text.indexOf('\n### ', heading + 1);
  const section = text.slice(heading, next < 0 ? undefined : next).trim();
  const cookie = /\*\*Server rendering and the cookie\.\*\* ([\s\S]*?)\n\n/.exec(text)?.[1] ?? '';
  return { body: section.slice(section.indexOf('\n') + 1).trim(), cookie };
}

test("each wrapper package's own README holds its framework's quick start as the README has it", () => {
  for (const [name, dir] of Object.entries(PACKAGES)) {
    const own = readFileSync(join(root, dir, 'README.md'), 'utf8');
    const { body, cookie } = rootSection(name);
    assert.ok(body.length > 200 && own.includes(body), `${dir}/README.md: the ${name} quick start, as in README.md (copy it again)`);
    if (name === 'SvelteKit' || name === 'Astro') assert.ok(cookie && own.includes(cookie), `${dir}/README.md: the cookie's trade-off`);
  }
});
