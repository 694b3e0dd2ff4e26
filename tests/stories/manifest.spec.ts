import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

/*
 * custom-elements.json is what Storybook's controls, editor typings and the framework wrappers
 * are generated from. These checks regenerate it from the JSDoc and hold it to the elements'
 * source: every element is in it, with its public API and nothing private.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const componentsDir = join(root, 'components');

interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  summary?: string;
  description?: string;
  attributes?: { name: string; fieldName?: string }[];
  members?: { kind: string; name: string; privacy?: string; static?: boolean; description?: string }[];
  events?: { name: string; type?: { text?: string } }[];
  slots?: { name: string }[];
  cssParts?: { name: string }[];
}

/** A fresh manifest in a temporary folder: both workers load this file, and must not race on the real one. */
function generate(): Map<string, Declaration> {
  const cem = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');
  const outdir = mkdtempSync(join(tmpdir(), 'janua-cem-'));
  // The analyzer joins --outdir onto its working directory, so it has to be relative.
  const args = ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(root, outdir), '--quiet'];
  execFileSync(process.execPath, [cem, ...args], { cwd: root, stdio: 'pipe' });
  const file = join(outdir, 'custom-elements.json');
  const text = readFileSync(file, 'utf8');
  rmSync(outdir, { recursive: true, force: true });
  const manifest = JSON.parse(text) as {
    modules: { path: string; declarations?: Declaration[] }[];
  };
  const byTag = new Map<string, Declaration>();
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) if (d.tagName) byTag.set(d.tagName, d);
  }
  return byTag;
}

/** Tag → element folder, from each `define.ts` (the only place a tag is registered). */
function definedTags(): Map<string, string> {
  const tags = new Map<string, string>();
  for (const dir of readdirSync(componentsDir, { withFileTypes: true })) {
    const define = join(componentsDir, dir.name, 'define.ts');
    if (!dir.isDirectory() || dir.name === 'internal' || !existsSync(define)) continue;
    for (const m of readFileSync(define, 'utf8').matchAll(/defineElement\(\s*['"]([a-z0-9-]+)['"]/g)) {
      tags.set(m[1]!, join(componentsDir, dir.name));
    }
  }
  return tags;
}

/** Event class → the event name it dispatches (`super('janua-…'`), from every source file of the kit. */
function eventClasses(): Map<string, string> {
  const classes = new Map<string, string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['dist', 'node_modules'].includes(entry.name)) visit(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const source = readFileSync(path, 'utf8');
        for (const m of source.matchAll(/class\s+(\w+)\s+extends\s+(?:CustomEvent|Event)\b[\s\S]*?super\(\s*['"]([a-z0-9-]+)['"]/g)) {
          classes.set(m[1]!, m[2]!);
        }
        // Classes made by a factory: `class X extends accountEvent<…>('janua-…') {}` or
        // `const X = kind<…>('janua-…')` (the org events).
        for (const m of source.matchAll(/(?:class\s+(\w+)\s+extends|const\s+(\w+)\s*=)\s+\w+(?:<[^\n]*?>)?\(\s*['"](janua-[a-z0-9-]+)['"]\s*(?:,[^)]*)?\)/g)) {
          classes.set((m[1] ?? m[2])!, m[3]!);
        }
      }
    }
  };
  visit(componentsDir);
  return classes;
}

const manifest = generate();
const tags = definedTags();

/*
 * Events still documented without `{Type}`: their element files are being rewritten elsewhere.
 * Each entry is checked both ways, so this list can only shrink: once an event here is typed, the
 * test fails until its entry is removed.
 */

test('every registered element is in the manifest with a summary', () => {
  expect(tags.size).toBeGreaterThan(0);
  for (const tag of tags.keys()) {
    const d = manifest.get(tag);
    expect(d, `${tag} missing from custom-elements.json (does its class have @tag ${tag}?)`).toBeDefined();
    expect(d?.summary?.trim(), `${tag} has no @summary`).toBeTruthy();
  }
});

test('no private or protected member and no state-only attribute reaches the manifest', () => {
  for (const [tag, d] of manifest) {
    for (const m of d.members ?? []) {
      expect(m.privacy ?? 'public', `${tag}.${m.name}`).toBe('public');
      expect(m.name, `${tag}.${m.name}`).not.toMatch(/^[_#]/);
    }
    for (const a of d.attributes ?? []) expect(a.name, `${tag} attribute ${a.name}`).not.toMatch(/^_/);
  }
});

test('every part an element renders in its own template is documented with @csspart', () => {
  const undocumented: string[] = [];
  for (const [tag, dir] of tags) {
    const parts = new Set((manifest.get(tag)?.cssParts ?? []).map((p) => p.name));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.includes('.styles.') && f !== 'define.ts')) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const m of source.matchAll(/\bpart="([a-z0-9- ]+)"/g)) {
        for (const part of m[1]!.split(/\s+/).filter(Boolean)) {
          if (!parts.has(part)) undocumented.push(`${tag}: part="${part}" in ${file} has no @csspart ${part}`);
        }
      }
    }
  }
  expect([...new Set(undocumented)], undocumented.join('\n')).toEqual([]);
});

test('the sign-in and sign-up forms expose their attributes, properties, events, slots and parts', () => {
  const expectations: Record<string, { attributes: string[]; properties: string[]; events: string[]; slots: string[] }> = {
    'janua-sign-in': {
      attributes: ['api', 'locale', 'redirect-url', 'sign-up-url', 'forgot-password-url'],
      properties: ['client', 'redirectUrl', 'signUpUrl', 'strings'],
      events: ['janua-signed-in', 'janua-navigate', 'janua-error'],
      slots: ['header', 'footer'],
    },
    'janua-sign-up': {
      attributes: ['api', 'locale', 'redirect-url', 'sign-in-url'],
      properties: ['client', 'redirectUrl', 'signInUrl', 'strings'],
      events: ['janua-signed-up', 'janua-signed-in', 'janua-navigate', 'janua-error'],
      slots: ['header', 'footer'],
    },
  };
  for (const [tag, want] of Object.entries(expectations)) {
    const d = manifest.get(tag);
    expect(d, tag).toBeDefined();
    const names = (list?: { name: string }[]) => (list ?? []).map((x) => x.name);
    expect(names(d!.attributes), `${tag} attributes`).toEqual(expect.arrayContaining(want.attributes));
    expect(names(d!.members?.filter((m) => m.kind === 'field')), `${tag} properties`).toEqual(
      expect.arrayContaining(want.properties),
    );
    expect(names(d!.events), `${tag} events`).toEqual(expect.arrayContaining(want.events));
    expect(names(d!.slots), `${tag} slots`).toEqual(expect.arrayContaining(want.slots));
    expect(names(d!.cssParts), `${tag} parts`).toEqual(expect.arrayContaining(['card', 'heading', 'alert', 'footer']));
    // The form is in light DOM, where ::part() cannot reach: its hooks are classes, documented instead.
    expect(names(d!.cssParts), `${tag} parts`).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(form|field|label|input|error|hint|reveal-button|submit-button)$/)]),
    );
    for (const hook of ['janua-form', 'janua-field', 'janua-label', 'janua-input', 'janua-field-error', 'janua-submit']) {
      expect(d!.description ?? '', `${tag} description names .${hook}`).toContain(`\`${hook}\``);
    }
  }
});

test('every event in the manifest is typed with the event class that dispatches it', () => {
  const classes = eventClasses();
  expect(classes.size, 'event classes found in components/').toBeGreaterThan(0);
  const problems: string[] = [];
  let typed = 0;
  for (const [tag, d] of manifest) {
    for (const event of d.events ?? []) {
      const type = event.type?.text?.trim();
      if (!type) {
        problems.push(`${tag}: @event ${event.name} has no type; write \`@event {JanuaXxxEvent} ${event.name} - …\``);
        continue;
      }
      typed++;
      const dispatched = classes.get(type);
      if (!dispatched) problems.push(`${tag}: ${event.name} is typed {${type}}, which is not an event class of the kit (known: ${[...classes.keys()].join(', ')})`);
      else if (dispatched !== event.name) problems.push(`${tag}: ${event.name} is typed {${type}}, but ${type} dispatches ${dispatched}`);
    }
  }
  expect(problems, problems.join('\n')).toEqual([]);
  expect(typed, 'typed events in the manifest').toBeGreaterThan(0);
});

test('public statics stay in the manifest: setStrings and cssLayer on every element, documented', () => {
  const missing: string[] = [];
  for (const [tag, d] of manifest) {
    const statics = new Map((d.members ?? []).filter((m) => m.static).map((m) => [m.name, m]));
    const setStrings = statics.get('setStrings');
    const cssLayer = statics.get('cssLayer');
    if (setStrings?.kind !== 'method' || !setStrings.description) missing.push(`${tag}: static setStrings() missing or undocumented`);
    if (cssLayer?.kind !== 'field' || !cssLayer.description) missing.push(`${tag}: static cssLayer missing or undocumented`);
    // Lit's static configuration is not API.
    for (const name of ['properties', 'styles', 'shadowRootOptions']) if (statics.has(name)) missing.push(`${tag}: Lit's static ${name} listed`);
    // A static accessor pair is one member.
    const names = (d.members ?? []).filter((m) => m.static).map((m) => m.name);
    if (new Set(names).size !== names.length) missing.push(`${tag}: a static member is listed twice (${names.join(', ')})`);
  }
  expect(missing, missing.join('\n')).toEqual([]);
});

test('the package copy names the files that ship: dist/**/*.js, relative to @janua/ui', () => {
  const copy = JSON.parse(readFileSync(join(componentsDir, 'custom-elements.json'), 'utf8')) as {
    modules: { path: string; exports?: { declaration?: { module?: string } }[] }[];
  };
  const paths = copy.modules.map((m) => m.path);
  // Re-exports name their module relative to the re-exporting one, as written in the source.
  // (Re-exports of another package, such as @janua/core's functions, name the package instead.)
  const reexports = copy.modules.flatMap((m) => (m.exports ?? []).filter((e) => !(e.declaration as { package?: string } | undefined)?.package).map((e) => e.declaration?.module ?? ''));
  expect(paths.length).toBeGreaterThan(0);
  expect(paths.filter((p) => !/^dist\/[\w./-]+\.js$/.test(p)), 'module paths outside dist/ or not .js').toEqual([]);
  expect(reexports.filter((p) => !/^(dist\/|\.{1,2}\/)[\w./-]+\.js$/.test(p)), 'export modules not .js in the package').toEqual([]);
  expect(paths).toContain('dist/sign-in/sign-in.js');
});
