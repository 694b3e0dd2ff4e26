/*
 * What each framework wrapper adds over the elements it wraps, in gzip (level 9) of a minified
 * ES bundle (esbuild), the framework itself left out. Each figure is the size of an app bundle
 * written with the wrapper minus the same app written against the elements and the client
 * directly, so both bundles hold the same elements, Lit and @janua/core, and only the wrapper's
 * own code (components, provider or plugin or stores, hooks or composables, @janua/ssr) differs:
 *
 *   elements   the budgeted figure: the components that wrap the elements of a sign-in page and
 *              an account chip (SignIn, SignUp, SignedIn, SignedOut, UserName, SignOutButton);
 *              for Astro, the page script that configures the client
 *   app        the same, plus the auth state API (JanuaProvider + useAuth, the plugin +
 *              useAuth, configure + the stores), which apps without the wrapper write themselves
 *   every      a component for every element in the manifest, plus the auth state API
 *
 * Reads the built wrappers (npm run build:packages); .svelte components are compiled here with
 * the Svelte compiler, as an app's toolchain would.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const APP = ['sign-in', 'sign-up', 'signed-in', 'signed-out', 'user-name', 'sign-out-button'];

const pascal = (tag) => tag.replace(/^janua-/, '').replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());

/** How each wrapper's app reads the auth state, and what the same app does without it. */
const STATE = {
  react: { from: '@janua/react', names: ['JanuaProvider', 'useAuth'], external: ['react', 'react-dom', 'react/jsx-runtime'] },
  vue: { from: '@janua/vue', names: ['janua', 'useAuth'], external: ['vue'] },
  svelte: { from: '@janua/svelte', names: ['configure', 'user', 'isAuthenticated', 'isLoading'], external: ['svelte', 'svelte/*'] },
  astro: { from: '@janua/astro/client', names: ['configure'], external: [] },
};

function entries(framework, folders, tags, withState) {
  const state = STATE[framework];
  const baseline = [...folders.map((f) => `import '@janua/ui/${f}';`), "export { JanuaClient } from '@janua/core';"].join('\n');
  if (framework === 'astro') {
    // An Astro page ships each component's <script> (the element's define) and the page script.
    return { baseline, wrapped: [...folders.map((f) => `import '@janua/ui/${f}';`), `export { configure } from '@janua/astro/client';`].join('\n') };
  }
  const components = tags.map(pascal);
  const names = [...components, ...(withState ? state.names : [])];
  return { baseline, wrapped: `export { ${names.join(', ')} } from '${state.from}';\nexport { JanuaClient } from '@janua/core';` };
}

function sveltePlugin(compile) {
  return {
    name: 'svelte',
    setup(build) {
      build.onLoad({ filter: /\.svelte$/ }, (args) => ({
        contents: compile(readFileSync(args.path, 'utf8'), { generate: 'client', filename: args.path }).js.code,
        loader: 'js',
      }));
    },
  };
}

/** The wrapper figures, as rows: { framework, figure, elements, baseline, wrapped, added } in bytes of gzip. */
export async function wrapperSizes(root) {
  const { build } = await import('esbuild');
  const { compile } = await import('svelte/compiler');
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const all = [];
  for (const mod of manifest.modules ?? []) {
    const folder = /^components\/([^/]+)\/[^/]+\.ts$/.exec(mod.path)?.[1];
    for (const decl of mod.declarations ?? []) if (decl.customElement && decl.tagName && folder) all.push({ tag: decl.tagName, folder });
  }
  const page = all.filter((e) => APP.includes(e.folder));
  const sets = { elements: [page, false], app: [page, true], every: [all, true] };
  const gz = async (framework, code) => {
    const result = await build({
      stdin: { contents: code, resolveDir: root, loader: 'js' },
      bundle: true, write: false, minify: true, format: 'esm', platform: 'browser',
      conditions: ['svelte', 'browser'], external: STATE[framework].external, plugins: [sveltePlugin(compile)], logLevel: 'error',
    });
    return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
  };
  const rows = [];
  for (const framework of Object.keys(STATE)) {
    if (!existsSync(join(root, 'wrappers', framework, 'dist'))) throw new Error(`wrappers/${framework}/dist is missing: run npm run build:packages`);
    for (const [figure, [set, withState]] of Object.entries(sets)) {
      if (framework === 'astro' && figure !== 'elements') continue;
      const { baseline, wrapped } = entries(framework, set.map((e) => e.folder), set.map((e) => e.tag), withState);
      const [a, b] = await Promise.all([gz(framework, baseline), gz(framework, wrapped)]);
      rows.push({ framework, figure, elements: set.length, baseline: a, wrapped: b, added: b - a });
    }
  }
  return rows;
}
