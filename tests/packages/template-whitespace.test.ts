import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { transform } from 'lightningcss';
import { parseSync } from 'vite';
import { tidyTemplate } from '../../vite.config.ts';
import { root } from './support.ts';

/*
 * The kit build tidies the white space of Lit's html`` and css`` templates (vite.config.ts,
 * `templateWhitespace`). Pinned here: what each rule does on small cases, and that on every css``
 * template of the components the tidied stylesheet is the same stylesheet (lightningcss minifies
 * the original and the tidied text to the same output).
 */

type Template = { file: string; tag: string; parts: string[] };

function templates(): Template[] {
  const found: Template[] = [];
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? (['dist', 'node_modules'].includes(d.name) ? [] : files(join(dir, d.name))) : d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [join(dir, d.name)] : []);
  for (const file of files(join(root, 'components'))) {
    const { program, errors } = parseSync(file, readFileSync(file, 'utf8'));
    assert.equal(errors.length, 0, `${file} parses`);
    const visit = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach(visit);
      const n = node as Record<string, any>;
      if (n.type === 'TaggedTemplateExpression' && n.tag.type === 'Identifier' && ['html', 'svg', 'css'].includes(n.tag.name)) {
        found.push({ file: relative(root, file), tag: n.tag.name, parts: n.quasi.quasis.map((q: { value: { raw: string } }) => q.value.raw) });
      }
      for (const key of Object.keys(n)) if (key !== 'type') visit(n[key]);
    };
    visit(program);
  }
  return found;
}

const all = templates();
/**
 * A template's text with each `${…}` as something CSS reads where it stands: a rule at the top of
 * a stylesheet, a declaration where one starts, otherwise an identifier (a value). Where it stands
 * is read from the original parts, so the original and the tidied text get the same stand-ins.
 */
function joined(parts: string[], original = parts): string {
  const sheet = original.join('').includes('{');
  let text = parts[0];
  for (let i = 1; i < parts.length; i++) {
    const before = original.slice(0, i).join('');
    const depth = (before.match(/{/g)?.length ?? 0) - (before.match(/}/g)?.length ?? 0);
    const starts = /(^|[{;}])\s*$/.test(before);
    text += (!starts ? `janua-x${i}` : sheet && depth === 0 ? `.janua-x${i}{}` : `--janua-x${i}:0;`) + parts[i];
  }
  return text;
}
/** Minified by lightningcss; declarations (a shared look) are read inside a rule, a value (a token) as one. */
const minified = (text: string) => {
  const sheet = text.includes('{') ? text : text.includes(':') ? `.janua-fragment{${text}}` : `.janua-fragment{--value:${text}}`;
  return transform({ filename: 'x.css', code: Buffer.from(sheet), minify: true, errorRecovery: true }).code.toString();
};

test('html``: a run of white space with a line break becomes one line break; anything else stays', () => {
  assert.equal(tidyTemplate.html('\n      <div class="a"\n        id="b">\n   text  more\n  </div>\n'), '\n<div class="a"\nid="b">\ntext  more\n</div>\n');
  assert.equal(tidyTemplate.html('<b>one</b> <i>two</i>'), '<b>one</b> <i>two</i>');
});

test('css``: white space around braces, semicolons, after colons and line-ending commas goes; other line breaks become a space', () => {
  assert.equal(tidyTemplate.css('\n  .a,\n  .b :hover {\n    margin: 0\n      auto;\n    font: 600 1em / 1.4 x;\n  }\n'), ' .a,.b :hover{margin:0 auto;font:600 1em / 1.4 x;}');
  assert.equal(tidyTemplate.css(".a::after { content: ': {  x;  }'; }"), ".a::after{content:': {  x;  }';}", 'quoted text is kept as written');
  assert.equal(tidyTemplate.css('@media (min-width: 30rem) {\n  .a { gap: 1rem }\n}'), '@media (min-width:30rem){.a{gap:1rem}}');
});

test('every css`` template of the components is the same stylesheet once tidied', () => {
  const sheets = all.filter((t) => t.tag === 'css');
  assert.ok(sheets.length >= 20, `${sheets.length} css templates found`);
  let before = 0;
  let after = 0;
  for (const t of sheets) {
    const original = joined(t.parts);
    const tidied = joined(t.parts.map(tidyTemplate.css), t.parts);
    before += original.length;
    after += tidied.length;
    const expected = minified(original);
    assert.ok(expected.length > 0, `${t.file}: lightningcss read the stylesheet`);
    assert.equal(minified(tidied), expected, `${t.file}: the tidied stylesheet differs`);
  }
  assert.ok(after < before * 0.9, `tidying saves text (${before} → ${after} characters)`);
});

test('no html`` template holds an element, and no stylesheet a rule, where line breaks show', () => {
  const html = all.filter((t) => t.tag !== 'css');
  assert.ok(html.length >= 100, `${html.length} html templates found`);
  for (const t of html) assert.doesNotMatch(joined(t.parts), /<(pre|textarea|listing|plaintext)\b/i, t.file);
  for (const t of all.filter((x) => x.tag === 'css')) assert.doesNotMatch(joined(t.parts), /white-space\s*:\s*(pre|break-spaces)/i, t.file);
});
