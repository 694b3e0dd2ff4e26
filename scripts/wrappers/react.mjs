/*
 * @janua/react bindings: one TypeScript module per element (its props interface and component),
 * and an index. Compiled with the package by tsc, which writes the .d.ts users see.
 */
import { classTypeRef, eventTypeExports, packedSpec, elementDocLines, eventTypeRef, HEADER, jsdoc, typeImports } from './model.mjs';

function elementModule(el) {
  const type = classTypeRef(el);
  const lines = [
    `// ${HEADER}`,
    `import '${el.defineImport}';`,
    ...typeImports(el),
    `import { createComponent } from '../create-component.ts';`,
    '',
    jsdoc([`Props of {@link ${el.name}} (\`<${el.tag}>\`); any HTML attribute and \`ref\` pass through.`]),
    `export interface ${el.name}Props {`,
  ];
  for (const p of el.props) {
    const doc = [p.description || `The \`${p.name}\` property.`];
    if (p.attribute) doc.push(`Attribute \`${p.attribute}\`.`);
    if (p.name === 'client') doc.push('Defaults to the `<JanuaProvider>`\'s client.');
    lines.push(jsdoc(doc, '  '), `  ${p.name}?: ${type}['${p.name}'];`);
  }
  for (const e of el.events) {
    lines.push(jsdoc([`\`${e.name}\`${e.description ? `: ${e.description}` : ''}`], '  '), `  ${e.prop}?: (event: ${eventTypeRef(e)}) => void;`);
  }
  lines.push('}', '');
  lines.push(
    jsdoc(elementDocLines(el)),
    `export const ${el.name} = /*#__PURE__*/ createComponent<${type}, ${el.name}Props>('${el.tag}', ${packedSpec(el)});`,
    '',
  );
  return lines.join('\n');
}

export function generateReact(elements) {
  const files = {};
  for (const el of elements) files[`${el.folder}.ts`] = elementModule(el);
  files['index.ts'] = [
    `// ${HEADER}`,
    ...elements.map((el) => `export { ${el.name}, type ${el.name}Props } from './${el.folder}.ts';`),
    ...eventTypeExports(elements),
    '',
    '/** Every wrapped element: tag → component name. */',
    `export const ELEMENTS = ${JSON.stringify(Object.fromEntries(elements.map((el) => [el.tag, el.name])), null, 2)} as const;`,
    '',
  ].join('\n');
  return files;
}
