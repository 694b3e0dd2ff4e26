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

/** Members that are not part of an element's public API. */
function isInternal(member) {
  return (
    member.privacy === 'private' ||
    member.privacy === 'protected' ||
    member.static === true ||
    member.name.startsWith('_') ||
    member.name.startsWith('#')
  );
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
            declaration.members = declaration.members.filter((member) => !hidden.has(member.name));
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

/** Module paths in the copy are relative to the package, as they would be in node_modules/@janua/ui. */
function relativeToPackage(value) {
  if (Array.isArray(value)) return value.map(relativeToPackage);
  if (!value || typeof value !== 'object') return value;
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = (key === 'path' || key === 'module') && typeof item === 'string' && item.startsWith('components/')
      ? item.slice('components/'.length)
      : relativeToPackage(item);
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
  ],
  outdir: '.',
  litelement: true,
  // The root package.json belongs to the integrator; components/package.json points at the copy.
  packagejson: false,
  // After publicApiOnly, so the copy holds the same public API as the root file.
  plugins: [publicApiOnly(), packageCopy()],
};
