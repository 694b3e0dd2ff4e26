/*
 * @janua/vue bindings: one TypeScript module per element (a `defineComponent` with typed props,
 * typed emits and documented slots), and an index with the global-registration map and the
 * `GlobalComponents` typings. Compiled with the package by tsc.
 */
import { classTypeRef, eventTypeExports, elementDocLines, eventTypeRef, HEADER, jsdoc, typeImports } from './model.mjs';

const quote = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);

function elementModule(el) {
  const type = classTypeRef(el);
  const lines = [
    `// ${HEADER}`,
    `import '${el.defineImport}';`,
    `import { defineComponent, type PropType, type SlotsType, type VNodeChild } from 'vue';`,
    ...typeImports(el),
    `import { renderElement, type ElementSpec } from '../render-element.ts';`,
    '',
  ];
  // An attribute where the element has one; the runtime sets objects as properties all the same.
  const props = Object.fromEntries(el.props.map((p) => [p.name, p.attribute]));
  const booleans = el.props.filter((p) => p.boolean && p.attribute).map((p) => p.name);
  const events = Object.fromEntries(el.events.map((e) => [e.emit, e.name]));
  const spec = { props, ...(booleans.length ? { booleans } : {}), events };
  lines.push(`const spec: ElementSpec = ${JSON.stringify(spec)};`, '');
  lines.push(
    jsdoc(elementDocLines(el, { slotHint: (s) => (s.name ? `\`<template #${s.name}>\`` : 'children') })),
    `export const ${el.name} = /*#__PURE__*/ defineComponent({`,
    `  name: 'Janua${el.name}',`,
    '  inheritAttrs: false,',
    '  props: {',
  );
  for (const p of el.props) {
    const doc = [p.description || `The \`${p.name}\` property.`];
    if (p.attribute) doc.push(`Attribute \`${p.attribute}\`.`);
    if (p.name === 'client') doc.push('Defaults to the plugin\'s client.');
    lines.push(jsdoc(doc, '    '), `    ${p.name}: { type: null as unknown as PropType<${type}['${p.name}']>, default: undefined },`);
  }
  lines.push('  },', '  emits: {');
  for (const e of el.events) {
    lines.push(
      jsdoc([`\`${e.name}\`${e.description ? `: ${e.description}` : ''}`], '    '),
      `    ${quote(e.emit)}: (event: ${eventTypeRef(e)}) => Boolean(event),`,
    );
  }
  lines.push('  },');
  const slots = el.slots.length ? el.slots : [];
  const slotNames = new Set(['default', ...slots.map((s) => s.name || 'default')]);
  lines.push(`  slots: Object as SlotsType<{ ${[...slotNames].map((n) => `${quote(n)}?: () => VNodeChild`).join('; ')} }>,`);
  lines.push(
    '  setup(props, context) {',
    `    return renderElement('${el.tag}', spec, props, context);`,
    '  },',
    '});',
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
