#!/usr/bin/env node
/*
 * Writes every framework wrapper's bindings and typings from custom-elements.json (run
 * `npm run manifest` first): a component per element with its props (from the public
 * properties, typed from the element class), its events (from `@event {Type} name`) and its
 * slots (in the docs). Nothing is written by hand per element, so an element added to
 * components/ reaches React, Vue, Svelte and Astro with the next build.
 *
 *   node scripts/generate-wrappers.mjs [react] [vue] [svelte] [astro]   default: all four
 *     --manifest <file>   another manifest (default: custom-elements.json)
 *     --out <dir>         write <dir>/<framework>/ instead of wrappers/<framework>/src/generated/
 *
 * The output folders are replaced wholesale (git-ignored; scripts/build-packages.mjs runs this
 * before compiling each wrapper). Every file says at its top that it is generated.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readElements } from './wrappers/model.mjs';
import { generateReact } from './wrappers/react.mjs';
import { generateVue } from './wrappers/vue.mjs';
import { generateSvelte } from './wrappers/svelte.mjs';
import { generateAstro } from './wrappers/astro.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

export const GENERATORS = { react: generateReact, vue: generateVue, svelte: generateSvelte, astro: generateAstro };
export const FRAMEWORKS = Object.keys(GENERATORS);

/** Where a wrapper's generated files go inside the repository. */
export const generatedDir = (framework) => join(root, 'wrappers', framework, 'src', 'generated');

/** The files (relative path → text) one framework gets from a manifest; writes nothing. */
export function renderWrapper(framework, manifest, options) {
  const generate = GENERATORS[framework];
  if (!generate) throw new Error(`unknown framework "${framework}" (known: ${FRAMEWORKS.join(', ')})`);
  return generate(readElements(manifest, options));
}

/** Writes the generated files of `frameworks`; returns { framework: [paths] }. */
export function generateWrappers({ frameworks = FRAMEWORKS, manifestPath = join(root, 'custom-elements.json'), out } = {}) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const written = {};
  for (const framework of frameworks) {
    const dir = out ? join(out, framework) : generatedDir(framework);
    const files = renderWrapper(framework, manifest);
    rmSync(dir, { recursive: true, force: true });
    written[framework] = [];
    for (const [path, text] of Object.entries(files)) {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      written[framework].push(file);
    }
  }
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const options = {};
  const frameworks = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--manifest') options.manifestPath = resolve(argv[++i]);
    else if (argv[i] === '--out') options.out = resolve(argv[++i]);
    else if (FRAMEWORKS.includes(argv[i])) frameworks.push(argv[i]);
    else {
      console.error(`generate-wrappers: unknown argument "${argv[i]}"`);
      process.exit(2);
    }
  }
  try {
    const written = generateWrappers({ ...options, frameworks: frameworks.length ? frameworks : FRAMEWORKS });
    for (const [framework, files] of Object.entries(written)) console.log(`generate-wrappers: ${framework}: ${files.length} files`);
  } catch (error) {
    console.error(`generate-wrappers: ${error.message}`);
    process.exit(1);
  }
}
