import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Tag of each element folder (`components/<name>/define.ts`), for the suites that check dist/elements/<name>.js. */
export function tagsByElement(): Map<string, string> {
  const tags = new Map<string, string>();
  const components = join(root, 'components');
  for (const dir of readdirSync(components, { withFileTypes: true })) {
    const define = join(components, dir.name, 'define.ts');
    if (!dir.isDirectory() || dir.name === 'internal' || !existsSync(define)) continue;
    const tag = /defineElement\(\s*['"]([a-z0-9-]+)['"]/.exec(readFileSync(define, 'utf8'))?.[1];
    if (tag) tags.set(dir.name, tag);
  }
  return tags;
}
