import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import MagicString from 'magic-string';
import { build, defaultClientConditions, defineConfig, parseAst, type InlineConfig, type Plugin, type Rolldown, type UserConfig } from 'vite';

/*
 * The kit is built twice from one `vite build`:
 *  1. per-element entries (dist/elements/<name>.js) that share chunks (dist/elements/chunks/),
 *     so an app that imports two elements downloads Lit once;
 *  2. dist/janua.js, the CDN entry: one ES module that defines every element, plus the chunks it
 *     loads on demand from beside itself (dist/chunks/): whatever the code reaches through
 *     `import()` (locale catalogs today; passkeys, MFA setup, account and organization pages as
 *     they arrive). Built from one entry, so everything it imports statically is inlined: a page
 *     that loads only janua.js makes one request until it needs a lazy part.
 * The second build is started from the first one's closeBundle hook with configFile: false,
 * so it cannot recurse.
 *
 * Workspace packages resolve through their `source` export condition, so the kit is built from
 * the TypeScript sources and needs no package build first.
 *
 * Locale catalogs get chunks named `locale-<tag>-<hash>.js`: scripts/size.mjs counts them apart
 * (a user downloads one locale, never all), so that name is part of the size rule.
 */

const root = fileURLToPath(new URL('.', import.meta.url));
const componentsDir = resolve(root, 'components');
const outDir = resolve(root, 'dist');
const serverDir = resolve(root, 'packages/server') + '/';
const nodeBuiltins = new Set(builtinModules);

/** Every `components/<name>/define.ts`, so a new element is built without touching this file. */
export function elementEntries(): Record<string, string> {
  const entries: Record<string, string> = {};
  if (!existsSync(componentsDir)) return entries;
  for (const dirent of readdirSync(componentsDir, { withFileTypes: true })) {
    if (!dirent.isDirectory() || ['internal', 'dist', 'node_modules'].includes(dirent.name) || dirent.name.startsWith('.')) continue;
    const define = resolve(componentsDir, dirent.name, 'define.ts');
    if (existsSync(define)) entries[dirent.name] = define;
  }
  return entries;
}

/**
 * Fails the build instead of shipping something that cannot run in a browser: a Node built-in
 * (Vite would quietly swap in an empty shim) or any file of the reference server (it belongs on
 * a server, and would blow the size budget several times over).
 */
function browserOnly(): Plugin {
  return {
    name: 'janua:browser-only',
    enforce: 'pre',
    resolveId(source, importer) {
      const bare = source.startsWith('node:') ? source.slice(5) : source;
      if (source.startsWith('node:') || nodeBuiltins.has(bare)) {
        this.error(`Node built-in "${source}" imported by ${importer ?? 'an entry'}: the kit runs in browsers only.`);
      }
      if (source === '@janua/server' || source.startsWith('@janua/server/')) {
        this.error(`"${source}" imported by ${importer ?? 'an entry'}: the reference server must never land in the kit bundle.`);
      }
      return null;
    },
    load(id) {
      if (id.startsWith(serverDir)) {
        this.error(`${id} is part of packages/server, which must never land in the kit bundle.`);
      }
      return null;
    },
  };
}

/** A catalog module: `…/i18n/<tag>.ts` (or under a folder of i18n/), `<tag>` a language tag. */
const LOCALE_MODULE = /[\\/]i18n[\\/](?:[^\\/]+[\\/])*([a-z]{2,3}(?:-[a-z0-9]{2,8})*)\.[cm]?[jt]s$/i;

/** Lazy chunks under `dir`; a chunk made of locale catalogs only is `locale-<tag>-<hash>.js`. */
function chunkFileNames(dir: string): (chunk: Rolldown.PreRenderedChunk) => string {
  return (chunk) => {
    const tag = chunk.facadeModuleId ? LOCALE_MODULE.exec(chunk.facadeModuleId)?.[1] : undefined;
    const onlyCatalogs = chunk.moduleIds.length > 0 && chunk.moduleIds.every((id) => LOCALE_MODULE.test(id));
    return tag && onlyCatalogs ? `${dir}/locale-${tag.toLowerCase()}-[hash].js` : `${dir}/[name]-[hash].js`;
  };
}

/**
 * No comments in the output: the `@__PURE__` annotations only a re-bundler reads, and these files
 * go straight to browsers (the npm packages are built apart, by build-packages). Licence comments
 * were already dropped by the minifier before this was set.
 */
const BROWSER_COMMENTS = false;

/**
 * A CSS comment inside a Lit `css` template is template text, which the minifier leaves alone, so
 * it reached every browser (0.4 KB gzip of the whole kit). The comments are written on lines of
 * their own, one line or several; they go, lines kept (a comment of three lines leaves three empty
 * ones), so every line and column the source maps name stays put. `tests/packages/no-comments.test.ts`
 * holds the build to it.
 */
function cssCommentsOut(): Plugin {
  const COMMENT_LINES = /^([ \t]*)\/\*(?:[^*]|\*(?!\/))*\*\/[ \t]*$/gm;
  return {
    name: 'janua:css-comments-out',
    transform(code, id) {
      if (!id.startsWith(componentsDir + '/') || !code.includes('css`')) return null;
      const out = code.replace(COMMENT_LINES, (comment, indent: string) => indent + comment.replace(/[^\n]+/g, ''));
      return out === code ? null : { code: out, map: null };
    },
  };
}

/** A Lit template's white space, tidied without changing what the browser builds from it. */
export const tidyTemplate = {
  /**
   * html`` and svg``: a run of white space that holds a line break becomes one line break. The
   * parser makes the same whitespace text node of it (no template of ours holds `<pre>` or
   * `<textarea>`, where it would show), and between attributes it is the same separator.
   */
  html: (raw: string): string => raw.replace(/(?<!\\)[ \t]*\n\s*/g, '\n'),
  /**
   * css``, outside quoted strings: white space around `{`, `}` and `;`, after a `:` (never
   * meaningful there: a selector's `a :hover` keeps the space before it), and after a `,` that
   * ends a line, goes; any other run that holds a line break becomes one space (it may separate
   * two selectors or two values).
   */
  css: (raw: string): string =>
    raw
      .split(/("[^"\n]*"|'[^'\n]*')/)
      .map((part, i) =>
        i % 2 === 1
          ? part
          : part
              .replace(/(?<!\\)\s*([{};])\s*/g, '$1')
              .replace(/:\s+/g, ':')
              .replace(/,\s*\n\s*/g, ',')
              .replace(/(?<!\\)\s*\n\s*/g, ' '),
      )
      .join(''),
};
const TEMPLATE_TAGS: Record<string, (raw: string) => string> = { html: tidyTemplate.html, svg: tidyTemplate.html, css: tidyTemplate.css };

/** An ESTree node as the parser gives it, with source offsets. */
type Estree = { type: string; start: number; end: number; [key: string]: any };

/**
 * A Lit template is template text, which the minifier leaves as written, so the indentation of
 * every html`` and css`` line reached every browser (0.8 KB of `janua.js`'s gzip). This tidies
 * the literal parts of `html`, `svg` and `css` tagged templates (never what is inside `${…}`), and
 * hands the bundler a source map of the change. tests/packages/template-whitespace.test.ts holds
 * every stylesheet of the components to the same meaning once tidied.
 */
function templateWhitespace(): Plugin {
  return {
    name: 'janua:template-whitespace',
    transform(code, id) {
      if (!id.startsWith(componentsDir + '/') || !/\b(?:html|svg|css)`/.test(code)) return null;
      const out = new MagicString(code);
      const visit = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        if (Array.isArray(node)) return node.forEach(visit);
        const n = node as Estree;
        const tidy = n.type === 'TaggedTemplateExpression' && n.tag.type === 'Identifier' ? TEMPLATE_TAGS[n.tag.name] : undefined;
        if (tidy) {
          for (const quasi of n.quasi.quasis as Estree[]) {
            const raw = code.slice(quasi.start, quasi.end);
            if (raw !== quasi.value.raw) this.error(`${id}: a template part's offsets do not hold its text; not tidying`);
            const tidied = tidy(raw);
            if (tidied !== raw && raw.length > 0) out.overwrite(quasi.start, quasi.end, tidied);
          }
        }
        for (const key of Object.keys(n)) if (key !== 'type') visit(n[key]);
      };
      visit(this.parse(code));
      return out.hasChanged() ? { code: out.toString(), map: out.generateMap({ hires: true, source: id }) } : null;
    },
  };
}

function shared(): UserConfig {
  return {
    root,
    logLevel: 'info',
    // Every build runs these; each adds its own after them.
    plugins: [browserOnly(), cssCommentsOut(), templateWhitespace()],
    resolve: { conditions: ['source', ...defaultClientConditions] },
    // Library mode leaves NODE_ENV for the consumer's bundler; these files go straight to browsers.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  };
}

function sharedBuild(): NonNullable<UserConfig['build']> {
  return {
    target: 'es2022',
    sourcemap: true,
    minify: true,
    reportCompressedSize: false,
    copyPublicDir: false,
  };
}

/**
 * One shared `runtime` chunk in the per-element build instead of a dozen small files each
 * compressed alone: for `<janua-sign-in>` that was 13 requests and about 4 KB gzip of per-file
 * overhead and import/export glue (measured with `npm run size`). It holds what every element
 * that talks to the server runs: Lit, the English catalog, `JanuaElement` and its helpers, the
 * client (not its lazy modules), the client controller, the card, form and light-DOM helpers,
 * and `<janua-alert>`. Split in two layers (Lit and the base class apart from the client), the
 * four primitives that need no server (alert, button, divider, link) loaded 10 KB instead of
 * 23 KB, and every other element paid 0.6 KB more; the other 20 elements are what pages load.
 * Modules not named here (an element's own files, account and organization helpers, popups,
 * tabs, the family catalogs) are split as the bundler finds them shared.
 */
const BASE_MODULES = [
  /[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit[\\/]reactive-element)[\\/]/,
  /[\\/]packages[\\/]core[\\/]src[\\/]i18n[\\/](index|en)\.ts$/,
  /[\\/]components[\\/]internal[\\/](janua-element|localize|styles|define|first-render|tokens|ids)\.ts$/,
  /^\0?rolldown[:/]runtime/,
];
const RUNTIME_MODULES = [
  // What an element needs to ask for a provider's client; the provider's own half stays with it.
  /[\\/]node_modules[\\/]@lit[\\/]context[\\/](index\.js|lib[\\/](create-context|context-request-event)\.js)$/,
  /[\\/]packages[\\/]core[\\/]src[\\/](client|cross-tab|errors|http|diagnostics|internal|pending|redirect|store|retry|tokens|types|api-types)\.ts$/,
  /[\\/]components[\\/]internal[\\/](auth-element|client-controller|light-region|light\.styles|form-controller|card|card\.styles|events|button-look)\.ts$/,
  /[\\/]components[\\/]alert[\\/]/,
];

/**
 * The ways to sign in besides the password (links, social and SSO, the passkey check) and the
 * second-factor step: one chunk for the sign-in card instead of six small ones, each compressed
 * alone with its own import/export glue (sign-in first load −0.9 KB gzip, the invitation page
 * −0.9 KB; the magic-link page, which needs two of them, +1.1 KB). Below `runtime`'s priority, so
 * what they import stays there.
 */
const SIGN_IN_METHODS = [
  /[\\/]packages[\\/]core[\\/]src[\\/]modules[\\/](magic-link|social|sso)\.ts$/,
  /[\\/]components[\\/]internal[\\/](providers|mfa-step)\.ts$/,
];

const sharedChunks = {
  groups: [
    { name: 'runtime', test: (id: string) => [...BASE_MODULES, ...RUNTIME_MODULES].some((r) => r.test(id)), priority: 10 },
    // The family catalogs are re-exported by the catalog index in `runtime`; without groups of
    // their own the bundler puts them there, where every element would pay for them.
    { name: 'en-account', test: /[\\/]i18n[\\/]en-account\.ts$/, priority: 30 },
    { name: 'en-org', test: /[\\/]i18n[\\/]en-org\.ts$/, priority: 30 },
    { name: 'sign-in-methods', test: (id: string) => SIGN_IN_METHODS.some((r) => r.test(id)), priority: 5 },
    // A new password (its field, strength hint and strings): sign-up, reset and change password.
    { name: 'new-password', test: /[\\/](components[\\/]internal[\\/](new-password|strength)|i18n[\\/]en-password)\.ts$/, priority: 5 },
  ],
};

/**
 * The English catalogs a locale module translates: `fr.ts` → `en` and the families an element
 * adds to it whose translations live in the same file (sign-up, a new password, the magic-link
 * page), `fr-org.ts` → `enOrg`, …
 */
const ENGLISH_OF_FAMILY: Record<string, { file: string; name: string }[]> = {
  '': [
    { file: 'en.ts', name: 'en' },
    { file: 'en-signup.ts', name: 'enSignUp' },
    { file: 'en-password.ts', name: 'enPassword' },
    { file: 'en-magic.ts', name: 'enMagic' },
  ],
  org: [{ file: 'en-org.ts', name: 'enOrg' }],
  account: [{ file: 'en-account.ts', name: 'enAccount' }],
  mfa: [{ file: 'en-mfa.ts', name: 'enMfa' }],
};
/** `…/packages/core/src/i18n/<tag>[-<family>].ts`, a translation (never English itself). */
const TRANSLATION_MODULE = /[\\/]packages[\\/]core[\\/]src[\\/]i18n[\\/](?!en\b)([a-z]{2,3}(?:-[A-Z]{2})?)(?:-(org|account|mfa))?\.ts$/;

/** The object literal a module's `const <name>` (exported or not) is set to, `as const` looked through. */
function constObject(program: Estree, name?: string): Estree | undefined {
  for (const statement of program.body as Estree[]) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const d of declaration.declarations as Estree[]) {
      let init = d.init as Estree | undefined;
      while (init && (init.type === 'TSAsExpression' || init.type === 'TSSatisfiesExpression')) init = init.expression;
      if (init?.type === 'ObjectExpression' && (!name || d.id.name === name)) return init;
    }
  }
  return undefined;
}

const stringKey = (p: Estree): string | undefined =>
  p.type === 'Property' && !p.computed && p.kind === 'init' && p.key.type === 'Literal' && typeof p.key.value === 'string' ? p.key.value : undefined;

/**
 * In `janua.js` a lazy locale catalog no longer carries its keys: they are the English catalog's,
 * which `janua.js` holds anyway, so each translated string is written at its English key's
 * position (`["Adresse e-mail","Mot de passe",…]`) and set on its key when the chunk loads. The
 * keys were a third of every locale chunk (2.2 KB of Arabic's 6.8 KB gzip). The core catalog's
 * order is `en.ts` then the families whose translations share its file (sign-up, a new password,
 * the magic-link page); a string whose key none of them has keeps its key.
 * Only the all-in-one build does this: there every English catalog is in the first load, while
 * in the per-element build a locale chunk would drag in English catalogs the page never shows.
 * The few lines that unpack are written into each module rather than imported, so a locale
 * needs no chunk of its own besides its catalog.
 * tests/e2e/built-locales.spec.ts holds each built catalog equal to its source.
 */
function compactCatalogs(): Plugin {
  const keys = new Map<string, string[]>();
  const englishKeys = (file: string, name: string): string[] => {
    let list = keys.get(file);
    if (!list) {
      const object = constObject(parseAst(readFileSync(file, 'utf8'), { lang: 'ts' }) as unknown as Estree, name);
      list = (object?.properties as Estree[] | undefined)?.map((p) => stringKey(p) ?? '') ?? [];
      if (!object || list.some((k) => !k)) throw new Error(`${file}: ${name} is not one object literal of string keys`);
      keys.set(file, list);
    }
    return list;
  };
  return {
    name: 'janua:compact-catalogs',
    transform(code, id) {
      const match = TRANSLATION_MODULE.exec(id);
      if (!match) return null;
      const english = ENGLISH_OF_FAMILY[match[2] ?? '']!;
      // The English catalogs' keys in the order the spread of them at run time has: a key two of
      // them share keeps its first place.
      const order = [...new Set(english.flatMap((e) => englishKeys(resolve(dirname(id), e.file), e.name)))];
      const position = new Map(order.map((key, i) => [key, i]));
      const object = constObject(parseAst(code, { lang: 'ts' }) as unknown as Estree);
      if (!object) this.error(`${id}: no catalog object literal found`);
      const values: (string | undefined)[] = new Array(order.length).fill(undefined);
      const rest: string[] = [];
      for (const p of object.properties as Estree[]) {
        const key = stringKey(p);
        const at = key === undefined ? undefined : position.get(key);
        if (at !== undefined && p.value.type === 'Literal' && typeof p.value.value === 'string') values[at] = p.value.value;
        else rest.push(code.slice(p.start, p.end));
      }
      while (values.length && values[values.length - 1] === undefined) values.pop();
      const out = new MagicString(code);
      out.overwrite(object.start, object.end,
        `januaUnpack(januaEnglish, [${values.map((v) => (v === undefined ? '' : JSON.stringify(v))).join(',')}]${rest.length ? `, {${rest.join(',')}}` : ''})`);
      out.prepend(english.map((e, i) => `import { ${e.name} as januaEnglish${i} } from './${e.file}';\n`).join('') +
        `const januaEnglish = { ${english.map((_, i) => `...januaEnglish${i}`).join(', ')} };\n` +
        'const januaUnpack = (english, values, rest) => { const out = {}; Object.keys(english).forEach((key, i) => { if (values[i] !== undefined) out[key] = values[i]; }); return Object.assign(out, rest); };\n');
      return { code: out.toString(), map: out.generateMap({ hires: true, source: id }) };
    },
  };
}

/**
 * In `janua.js` every element is defined up front (index.ts imports each `define.ts`), so a card's
 * lazy load of another element's definition (the sign-out button, the second-factor step) has
 * nothing left to fetch: it becomes a resolved promise. Left as `import()`, a module that the
 * entry also imports statically made the bundler warn (INEFFECTIVE_DYNAMIC_IMPORT) and split
 * what it shares with the entry (Lit, the client, the base classes: 19 KB gzip) into a chunk of
 * its own that `janua.js` imported at once, and with it the core modules the lazy chunks share:
 * seven files in the first load instead of one. The replacement keeps the text's length, so the
 * source maps stay true.
 */
function definesUpFront(): Plugin {
  const index = resolve(componentsDir, 'index.ts');
  const DEFINE = /\bimport\(\s*(['"])(\.{1,2}\/[^'"]*\/define\.ts)\1\s*\)/g;
  let upFront: Set<string>;
  return {
    name: 'janua:defines-up-front',
    buildStart() {
      const source = readFileSync(index, 'utf8');
      upFront = new Set([...source.matchAll(/^import '(\.\/[\w-]+\/define\.ts)';$/gm)].map(([, spec]) => resolve(componentsDir, spec!)));
    },
    transform(code, id) {
      if (!id.startsWith(componentsDir + '/') || !code.includes('/define.ts')) return null;
      let changed = false;
      const out = code.replace(DEFINE, (call: string, _quote: string, spec: string) => {
        if (!upFront.has(resolve(dirname(id), spec))) return call;
        changed = true;
        return 'Promise.resolve()'.padEnd(call.length);
      });
      return changed ? { code: out, map: null } : null;
    },
  };
}

/** The all-in-one file, built after the element entries. */
function allInOne(): InlineConfig {
  const base = shared();
  return {
    ...base,
    plugins: [...base.plugins!, definesUpFront(), compactCatalogs()],
    configFile: false,
    build: {
      ...sharedBuild(),
      outDir,
      emptyOutDir: false,
      lib: {
        entry: { janua: resolve(componentsDir, 'index.ts') },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        // janua.js may export more than index.ts does, so the chunks it loads lazily (an
        // organization watcher, passkeys) import what they share with it from janua.js itself.
        // Under 'strict' the bundler moved those shared modules (the client's store, errors,
        // http; the organizations module) into chunks of their own that janua.js imports: a second
        // round of requests before any element could run.
        preserveEntrySignatures: 'allow-extension',
        output: {
          // Vite keeps whitespace in ES libraries for re-bundlers; this file goes straight to browsers.
          minify: true,
          comments: BROWSER_COMMENTS,
          chunkFileNames: chunkFileNames('chunks'),
        },
      },
    },
  };
}

function thenBuildAllInOne(): Plugin {
  let failed = false;
  return {
    name: 'janua:all-in-one',
    apply: 'build',
    buildEnd(error) {
      failed = Boolean(error);
    },
    async closeBundle() {
      // One error is enough: a second build would only repeat it.
      if (failed) return;
      await build(allInOne());
    },
  };
}

export default defineConfig(() => {
  const entries = elementEntries();
  if (Object.keys(entries).length === 0) {
    throw new Error('vite.config.ts: no components/<name>/define.ts found; nothing to build.');
  }
  const base = shared();
  return {
    ...base,
    plugins: [...base.plugins!, thenBuildAllInOne()],
    build: {
      ...sharedBuild(),
      outDir,
      emptyOutDir: true,
      lib: {
        entry: entries,
        formats: ['es'],
        fileName: (_format, name) => `elements/${name}.js`,
      },
      rolldownOptions: {
        output: {
          minify: true,
          comments: BROWSER_COMMENTS,
          chunkFileNames: chunkFileNames('elements/chunks'),
          codeSplitting: sharedChunks,
        },
      },
    },
  };
});
