import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const importScript = fileURLToPath(new URL('./import-in-node.mjs', import.meta.url));

export interface ImportReport {
  results: { specifier: string; ok: boolean; error?: string; exports?: string[] }[];
  newGlobals: string[];
  domAccess: { name: string; file: string; phase: 'import' | 'construct' }[];
  definedTags: string[];
  constructed?: { name: string; ok: boolean; error?: string }[];
}

/** What Lit's Node build puts on globalThis (its SSR DOM shim and version markers); nothing else may appear. */
export const LIT_GLOBALS = ['customElements', 'litElementVersions', 'litHtmlVersions', 'litPropertyMetadata', 'litServerRoot', 'reactiveElementVersions'];

/**
 * Runs tests/packages/import-in-node.mjs (copied to `script` when the packages must resolve from
 * another folder) under plain `node`: no tsx, no `source` condition, no NODE_OPTIONS.
 */
export function importInNode(specifiers: string[], { cwd = root, script = importScript, construct = false } = {}): ImportReport {
  const env = { ...process.env };
  delete env['NODE_OPTIONS'];
  const args = [script, ...(construct ? ['--construct'] : []), ...specifiers];
  const run = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ImportReport;
}

type Exports = Record<string, unknown>;

/** The module entries of a package.json's `exports` (no patterns, no closed paths, no JSON). */
export function moduleEntries(name: string, exports: Exports): string[] {
  return Object.entries(exports)
    .filter(([key, target]) => target !== null && !key.includes('*') && !key.endsWith('.json'))
    .map(([key]) => (key === '.' ? name : `${name}/${key.slice(2)}`));
}

export function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Element folder → the tag its define.ts registers. */
export function elementTags(): Map<string, string> {
  const tags = new Map<string, string>();
  const components = join(root, 'components');
  for (const dir of readdirSync(components, { withFileTypes: true })) {
    const define = join(components, dir.name, 'define.ts');
    if (!dir.isDirectory() || ['internal', 'dist', 'node_modules'].includes(dir.name) || !existsSync(define)) continue;
    const tag = /defineElement\(\s*['"]([a-z0-9-]+)['"]/.exec(readFileSync(define, 'utf8'))?.[1];
    if (tag) tags.set(dir.name, tag);
  }
  return tags;
}

/** Builds the packages (and the manifest @janua/ui ships) when a source is newer than the build. */
export function ensurePackagesBuilt(): void {
  const run = spawnSync(process.execPath, ['scripts/ensure-built.mjs', 'packages', 'manifest'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`scripts/ensure-built.mjs packages manifest failed:\n${run.stdout}${run.stderr}`);
}
