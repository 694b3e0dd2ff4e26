/*
 * @janua/svelte bindings: per element a Svelte 5 component (`SignIn.svelte`, shipped as source
 * for the app's compiler) and its typings (`SignIn.svelte.d.ts`); an index; and typings for the
 * raw tags in Svelte markup (`SvelteHTMLElements`), so `<janua-sign-in redirect-url>` checks too.
 */
import { camelToKebab, classTypeRef, eventTypeExports, packedSpec, elementDocLines, eventTypeRef, HEADER, jsdoc, kebabToCamel, typeImports } from './model.mjs';

const RESERVED = new Set(['children', 'class', 'default', 'new', 'delete', 'in', 'for', 'if', 'switch', 'function', 'var', 'let', 'const', 'this', 'import', 'export', 'return', 'typeof', 'void', 'with', 'yield', 'await']);

/** Named slots become snippet props (`forgot-password-link` → `forgotPasswordLink`), clear of every other name. */
function slotProps(el) {
  const taken = new Set([...el.props.map((p) => p.name), ...el.events.map((e) => e.prop)]);
  return el.slots
    .filter((s) => s.name)
    .map((s) => {
      let prop = kebabToCamel(s.name);
      if (taken.has(prop) || RESERVED.has(prop) || !/^[A-Za-z_$][\w$]*$/.test(prop)) prop = `${prop.replace(/[^\w$]/g, '')}Slot`;
      taken.add(prop);
      return { ...s, prop };
    });
}

function component(el) {
  // Element.svelte derives each slot's name from its snippet prop, unless it had to differ.
  const slots = slotProps(el).map((s) => (camelToKebab(s.prop) === s.name ? s.prop : `${s.prop}=${s.name}`)).join(' ');
  // The tag, the slots, then the packed spec's attribute, property and event lists; not its
  // booleans: Element.svelte sets a boolean's attribute for true and leaves it out for false.
  const spec = [el.tag, slots, ...JSON.parse(packedSpec(el)).slice(0, 3)];
  return [
    `<!-- ${HEADER} -->`,
    '<script>',
    `  import '${el.defineImport}';`,
    "  import Element from '../Element.svelte';",
    '',
    '  let props = $props();',
    '</script>',
    '',
    `<Element spec={${JSON.stringify(spec)}} {props} />`,
    '',
  ].join('\n');
}

function typings(el) {
  const type = classTypeRef(el);
  const slots = slotProps(el);
  const own = [...el.props.map((p) => p.name), ...el.events.map((e) => e.prop), ...slots.map((s) => s.prop), 'children'];
  const lines = [
    `// ${HEADER}`,
    "import type { Component, Snippet } from 'svelte';",
    "import type { HTMLAttributes } from 'svelte/elements';",
    ...typeImports(el),
    '',
    jsdoc([`Props of \`${el.name}\` (\`<${el.tag}>\`); other HTML attributes pass through to the element.`]),
    `export interface ${el.name}Props extends Omit<HTMLAttributes<HTMLElement>, ${own.map((n) => `'${n}'`).join(' | ')}> {`,
  ];
  for (const p of el.props) {
    const doc = [p.description || `The \`${p.name}\` property.`];
    if (p.attribute) doc.push(`Attribute \`${p.attribute}\`.`);
    if (p.name === 'client') doc.push('Defaults to the client of `configure()`.');
    lines.push(jsdoc(doc, '  '), `  ${p.name}?: ${type}['${p.name}'];`);
  }
  for (const e of el.events) lines.push(jsdoc([`\`${e.name}\`${e.description ? `: ${e.description}` : ''}`], '  '), `  ${e.prop}?: (event: ${eventTypeRef(e)}) => void;`);
  for (const s of slots) lines.push(jsdoc([`Slot \`${s.name}\`: ${s.description}`], '  '), `  ${s.prop}?: Snippet;`);
  const defaultSlot = el.slots.find((s) => !s.name);
  lines.push(jsdoc([defaultSlot ? `Default slot: ${defaultSlot.description}` : 'Children (light DOM).'], '  '), '  children?: Snippet;', '}', '');
  lines.push(jsdoc(elementDocLines(el, { slotHint: (s) => (s.name ? `the \`${slotProps(el).find((x) => x.name === s.name).prop}\` snippet` : 'children') })));
  lines.push(`declare const ${el.name}: Component<${el.name}Props, {}, ''>;`, `export default ${el.name};`, '');
  return lines.join('\n');
}

/** `SvelteHTMLElements` entries for the raw tags: attributes, properties and `on<event>` handlers. */
function elementTypings(elements) {
  const classes = [];
  const events = new Set();
  const entries = [];
  for (const el of elements) {
    if (el.classImport) classes.push(`import type { ${el.className} } from '${el.classImport}';`);
    for (const e of el.events) if (e.type) events.add(e.type);
    const type = classTypeRef(el);
    const fields = [];
    for (const p of el.props) {
      // Svelte sets a property when the element has one by that name, else the attribute.
      if (p.attribute) fields.push(`'${p.attribute}'?: ${type}['${p.name}'] | null;`);
      else fields.push(`${p.name}?: ${type}['${p.name}'];`);
    }
    for (const e of el.events) fields.push(`'on${e.name}'?: (event: ${eventTypeRef(e)}) => void;`);
    entries.push(`    '${el.tag}': HTMLAttributes<${type}> & { ${fields.join(' ')} };`);
  }
  return [
    `// ${HEADER}`,
    ...classes,
    ...(events.size ? [`import type { ${[...events].sort().join(', ')} } from '@janua/ui';`] : []),
    '',
    // HTMLAttributes is the augmented module's own.
    "declare module 'svelte/elements' {",
    '  export interface SvelteHTMLElements {',
    ...entries,
    '  }',
    '}',
    '',
    'export {};',
    '',
  ].join('\n');
}

export function generateSvelte(elements) {
  const files = {};
  for (const el of elements) {
    files[`${el.name}.svelte`] = component(el);
    files[`${el.name}.svelte.d.ts`] = typings(el);
  }
  files['elements.ts'] = elementTypings(elements);
  files['index.ts'] = [
    `// ${HEADER}`,
    "// The raw tags' typings (SvelteHTMLElements); an empty module at runtime.",
    "import './elements.ts';",
    ...elements.map((el) => `export { default as ${el.name}, type ${el.name}Props } from './${el.name}.svelte';`),
    ...eventTypeExports(elements),
    '',
    '/** Every wrapped element: tag → component name. */',
    `export const ELEMENTS = ${JSON.stringify(Object.fromEntries(elements.map((el) => [el.tag, el.name])), null, 2)} as const;`,
    '',
  ].join('\n');
  return files;
}
