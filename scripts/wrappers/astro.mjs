/*
 * @janua/astro bindings: per element an `.astro` component (shipped as source) that renders the
 * tag with its props as attributes, its named slots, and a `<script>` that registers the element
 * in the browser (bundled and de-duplicated by Astro); the props typings (`props.ts`, compiled);
 * and the index of components (`index.js` + `index.d.ts`).
 */
import { classTypeRef, elementDocLines, HEADER, jsdoc } from './model.mjs';

const attributeProps = (el) => el.props.filter((p) => p.attribute);

function propsInterface(el) {
  const type = classTypeRef(el);
  const lines = [
    jsdoc([
      `Props of \`<${el.name}>\` (\`<${el.tag}>\`): the element's attributes, rendered on the server.`,
      'Properties without an attribute (objects such as `client`) cannot cross from the server; `class`, `id`, `data-*` and `aria-*` pass through.',
    ]),
    `export interface ${el.name}Props extends PassThrough {`,
  ];
  for (const p of attributeProps(el)) {
    const doc = [p.description || `The \`${p.name}\` property.`, `Attribute \`${p.attribute}\`.`];
    if (p.name === 'api') doc.push('Defaults to the integration\'s `api`.');
    lines.push(jsdoc(doc, '  '), `  ${p.name}?: ${type}['${p.name}'];`);
  }
  lines.push('}', '');
  return lines;
}

function propsModule(elements) {
  const imports = elements.filter((el) => el.classImport).map((el) => `import type { ${el.className} } from '${el.classImport}';`);
  return [
    `// ${HEADER}`,
    ...imports,
    '',
    '/** Attributes any element takes. */',
    'export interface PassThrough {',
    '  class?: string;',
    "  'class:list'?: unknown;",
    '  id?: string;',
    '  title?: string;',
    '  hidden?: boolean;',
    '  slot?: string;',
    '  [data: `data-${string}`]: string | number | boolean | undefined;',
    '  [aria: `aria-${string}`]: string | number | boolean | undefined;',
    '}',
    '',
    ...elements.flatMap(propsInterface),
  ].join('\n');
}

function component(el) {
  const names = Object.fromEntries(attributeProps(el).map((p) => [p.name, p.attribute]));
  const booleans = attributeProps(el).filter((p) => p.boolean).map((p) => p.name);
  const takesApi = attributeProps(el).some((p) => p.name === 'api');
  const named = el.slots.filter((s) => s.name);
  const body = named.map((s) => `{Astro.slots.has('${s.name}') && <div {...{ slot: '${s.name}' }}><slot name="${s.name}" /></div>}`).join('');
  const doc = elementDocLines(el, { slotHint: (s) => (s.name ? `\`slot="${s.name}"\`` : 'children') });
  return [
    '---',
    `// ${HEADER}`,
    ...jsdoc(doc).split('\n').map((l) => l),
    `import type { ${el.name}Props } from './props.js';`,
    "import { attributes } from '../attributes.js';",
    ...(takesApi ? ["import config from 'virtual:janua/config';"] : []),
    '',
    `export type Props = ${el.name}Props;`,
    takesApi ? 'const { api = config.api, ...props } = Astro.props;' : 'const props = Astro.props;',
    `const attrs = attributes(${takesApi ? '{ ...props, api }' : 'props'}, ${JSON.stringify(names)}, ${JSON.stringify(booleans)});`,
    '---',
    `<${el.tag} {...attrs}>${body}<slot /></${el.tag}>`,
    '',
    '<script>',
    `  import '${el.defineImport}';`,
    '</script>',
    '',
  ].join('\n');
}

export function generateAstro(elements) {
  const files = { 'props.ts': propsModule(elements) };
  for (const el of elements) files[`${el.name}.astro`] = component(el);
  files['index.js'] = [
    `// ${HEADER}`,
    ...elements.map((el) => `export { default as ${el.name} } from './${el.name}.astro';`),
    '',
  ].join('\n');
  files['index.d.ts'] = [
    `// ${HEADER}`,
    `import type { ${elements.map((el) => `${el.name}Props`).join(', ')} } from './props.js';`,
    '',
    ...elements.flatMap((el) => [jsdoc(elementDocLines(el, { slotHint: (s) => (s.name ? `\`slot="${s.name}"\`` : 'children') })), `export declare function ${el.name}(props: ${el.name}Props): unknown;`, '']),
    `export type { ${elements.map((el) => `${el.name}Props`).join(', ')} } from './props.js';`,
    '',
  ].join('\n');
  return files;
}
