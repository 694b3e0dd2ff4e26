/*
 * Builds custom-elements.json at the repository root from the JSDoc of components/.
 * Storybook controls, editor typings and the framework wrappers read it, so what they offer is
 * exactly what the element classes document.
 */

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
  // The root package.json belongs to the integrator; components/package.json already points here.
  packagejson: false,
  plugins: [publicApiOnly()],
};
