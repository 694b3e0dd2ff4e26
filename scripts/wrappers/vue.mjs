/*
 * @janua/vue bindings: one TypeScript module per element (a `defineComponent` with typed props,
 * typed emits and documented slots), and an index with the global-registration map and the
 * `GlobalComponents` typings. Compiled with the package by tsc.
 */
import { classTypeRef, eventTypeExports, packedSpec, elementDocLines, eventTypeRef, HEADER, jsdoc, typeImports } from './model.mjs';

const quote = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);

function elementModule(el) {
  const type = classTypeRef(el);
  const lines = [
    `// ${HEADER}`,
    `import '${el.defineImport}';`,
    `import type { SlotsType, VNodeChild } from 'vue';`,
    ...typeImports(el),
    `import { defineElement } from '../render-element.ts';`,
    '',
    jsdoc([`Props of {@link ${el.name}} (\`<${el.tag}>\`); other attributes and listeners pass through to the element.`]),
    // A type alias, not an interface: Vue wants a record, and only aliases count as one.
    `export type ${el.name}Props = {`,
  ];
  for (const p of el.props) {
    const doc = [p.description || `The \`${p.name}\` property.`];
    if (p.attribute) doc.push(`Attribute \`${p.attribute}\`.`);
    if (p.name === 'client') doc.push('Defaults to the plugin\'s client.');
    lines.push(jsdoc(doc, '  '), `  ${p.name}?: ${type}['${p.name}'];`);
  }
  lines.push('};', '', jsdoc([`Events of {@link ${el.name}}: \`@signed-in\` style listeners get the element's event.`]), `export type ${el.name}Emits = {`);
  for (const e of el.events) {
    lines.push(jsdoc([`\`${e.name}\`${e.description ? `: ${e.description}` : ''}`], '  '), `  ${quote(e.emit)}: (event: ${eventTypeRef(e)}) => void;`);
  }
  const slotNames = [...new Set(['default', ...el.slots.map((s) => s.name || 'default')])];
  lines.push('};', '', `export type ${el.name}Slots = SlotsType<{ ${slotNames.map((n) => `${quote(n)}?: () => VNodeChild`).join('; ')} }>;`, '');
  lines.push(
    jsdoc(elementDocLines(el, { slotHint: (s) => (s.name ? `\`<template #${s.name}>\`` : 'children') })),
    `export const ${el.name} = /*#__PURE__*/ defineElement<${el.name}Props, ${el.name}Emits, ${el.name}Slots>('${el.tag}', ${packedSpec(el)});`,
    '',
  );
  return lines.join('\n');
}

export function generateVue(elements) {
  const files = {};
  for (const el of elements) files[`${el.folder}.ts`] = elementModule(el);
  files['index.ts'] = [
    `// ${HEADER}`,
    ...elements.map((el) => `import { ${el.name} } from './${el.folder}.ts';`),
    '',
    `export { ${elements.map((el) => el.name).join(', ')} };`,
    ...eventTypeExports(elements),
    '',
    '/** Every component under its global name, for `app.component()` (the plugin registers them). */',
    'export const components = {',
    ...elements.map((el) => `  Janua${el.name}: ${el.name},`),
    '} as const;',
    '',
    '/** Every wrapped element: tag → component name. */',
    `export const ELEMENTS = ${JSON.stringify(Object.fromEntries(elements.map((el) => [el.tag, el.name])), null, 2)} as const;`,
    '',
    '// Templates type-check `<JanuaSignIn>` & co. once the plugin has registered them.',
    "declare module 'vue' {",
    '  export interface GlobalComponents {',
    ...elements.map((el) => `    Janua${el.name}: typeof ${el.name};`),
    '  }',
    '}',
    '',
  ].join('\n');
  return files;
}
