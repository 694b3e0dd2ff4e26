/*
 * Builds custom-elements.json at the repository root from the JSDoc of components/, and a copy
 * in components/ for the @janua/ui package (its `customElements` field), where editors and tools
 * look once the package is installed. Storybook controls, editor typings and the framework
 * wrappers read it, so what they offer is exactly what the element classes document.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), 'components');

/**
 * Lit's own static plumbing: configuration every element has, not API an app calls. Other public
 * statics (`setStrings`, `cssLayer`) are the element's API and stay.
 */
const LIT_STATICS = new Set([
  'properties',
  'styles',
  'shadowRootOptions',
  'elementProperties',
  'elementStyles',
  'observedAttributes',
  'finalized',
  'formAssociated',
  'disableWarning',
  'enableWarning',
  'addInitializer',
  'createProperty',
  'getPropertyDescriptor',
  'getPropertyOptions',
  'finalize',
  'finalizeStyles',
]);

/** Members that are not part of an element's public API. */
function isInternal(member) {
  return (
    member.privacy === 'private' ||
    member.privacy === 'protected' ||
    (member.static === true && LIT_STATICS.has(member.name)) ||
    member.name.startsWith('_') ||
    member.name.startsWith('#')
  );
}

/**
 * A static accessor pair (`static get cssLayer` / `static set cssLayer`) comes out of the analyzer
 * as two fields, one of them undocumented: keep one entry per name, with what either one says.
 */
function mergeAccessorPairs(members) {
  const byKey = new Map();
  const out = [];
  for (const member of members) {
    const key = `${member.static ? 'static ' : ''}${member.kind} ${member.name}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, member);
      out.push(member);
      continue;
    }
    for (const [field, value] of Object.entries(member)) if (seen[field] === undefined) seen[field] = value;
  }
  return out;
}

/**
 * Lit's lifecycle and our base-class plumbing would otherwise show up as a control for every
 * element; consumers only ever set public fields.
 */
function publicApiOnly() {
  return {
    name: 'janua-public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const declaration of mod.declarations ?? []) {
          const hidden = new Set();
          if (Array.isArray(declaration.members)) {
            for (const member of declaration.members) if (isInternal(member)) hidden.add(member.name);
            declaration.members = mergeAccessorPairs(
              declaration.members.filter((member) => !(isInternal(member) || (hidden.has(member.name) && !member.static))),
            );
          }
          // Lit's `state: true` properties have no attribute, but the analyzer lists one anyway.
          if (Array.isArray(declaration.attributes)) {
            declaration.attributes = declaration.attributes.filter(
              (attr) => !attr.name.startsWith('_') && !(attr.fieldName && (hidden.has(attr.fieldName) || attr.fieldName.startsWith('_'))),
            );
          }
        }
      }
    },
  };
}

/**
 * Module paths in the copy name the files that ship, relative to the package, as they are in
 * node_modules/@janua/ui: `components/sign-in/sign-in.ts` → `dist/sign-in/sign-in.js`, and a
 * re-export's `./internal/x.ts` → `./internal/x.js` (relative to its module, in dist/ as in the sources).
 */
function relativeToPackage(value) {
  if (Array.isArray(value)) return value.map(relativeToPackage);
  if (!value || typeof value !== 'object') return value;
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    if ((key === 'path' || key === 'module') && typeof item === 'string') {
      // Re-exports keep their specifier as written (`./internal/x.ts`); dist/ mirrors the sources.
      if (item.startsWith('components/')) out[key] = `dist/${item.slice('components/'.length).replace(/\.ts$/, '.js')}`;
      else if (/^\.{1,2}\//.test(item)) out[key] = item.replace(/\.ts$/, '.js');
      else out[key] = item;
    } else {
      out[key] = relativeToPackage(item);
    }
  }
  return out;
}

function packageCopy() {
  return {
    name: 'janua-package-copy',
    packageLinkPhase({ customElementsManifest }) {
      const text = `${JSON.stringify(relativeToPackage(customElementsManifest), null, 2)}\n`;
      // Written aside then renamed: parallel runs (the manifest checks) must never see half a file.
      const scratch = mkdtempSync(join(packageDir, '.cem-'));
      try {
        writeFileSync(join(scratch, 'custom-elements.json'), text);
        renameSync(join(scratch, 'custom-elements.json'), join(packageDir, 'custom-elements.json'));
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    },
  };
}

export default {
  globs: ['components/**/*.ts'],
  exclude: [
    'components/**/*.test.ts',
    'components/**/*.spec.ts',
    'components/**/test/**',
    'components/**/tests/**',
    'components/**/*.d.ts',
    'components/**/node_modules/**',
    'components/dist/**',
  ],
  outdir: '.',
  litelement: true,
  // The root package.json belongs to the integrator; components/package.json points at the copy.
  packagejson: false,
  // After publicApiOnly, so the copy holds the same public API as the root file.
  plugins: [publicApiOnly(), packageCopy()],
};
