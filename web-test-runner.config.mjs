// Element tests in three real engines — Chromium, Firefox ESR and WebKitGTK — all system browsers
// (web-test-runner.engines.mjs; JANUA_ENGINES picks some). TypeScript goes through esbuild with
// the root tsconfig, so `useDefineForClassFields: false` holds exactly as in the build.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { engineLaunchers, focusWindowPlugin } from './web-test-runner.engines.mjs';

/** Strict CSP for the CSP suite: everything from this origin only, no inline script or style at all. */
const cspHtml = (testFramework) => `<!doctype html>
<html lang="en" data-csp-group>
  <head>
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src 'self' http://csp.test; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'">
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`;

/**
 * The reference server's WebAuthn and JOSE libraries, served to the test pages as one module each.
 * Unbundled they are some 330 of the 630 modules a test page loads (@simplewebauthn/server pulls
 * in the @peculiar ASN.1 family and tsyringe), each a request and a transform of the dev server's
 * for every test file, in every engine; that is most of what opening a test page costs on two
 * cores. Nothing of ours imports their insides, so one bundle each keeps every module identity the
 * tests see. Built once per run, in memory.
 */
function prebundled(packages) {
  const bundles = new Map();
  const path = (name) => `/__prebundled__/${name.replaceAll('/', '__')}.js`;
  const bundle = (name) => {
    if (!bundles.has(name)) {
      bundles.set(name, build({
        stdin: { contents: `export * from '${name}';`, resolveDir: process.cwd(), loader: 'js' },
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        write: false,
        logLevel: 'silent',
      }).then((result) => result.outputFiles[0].text));
    }
    return bundles.get(name);
  };
  const byPath = new Map(packages.map((name) => [path(name), name]));
  return {
    name: 'janua-prebundled',
    resolveImport({ source }) {
      return packages.includes(source) ? path(source) : undefined;
    },
    async serve(context) {
      const name = byPath.get(context.path);
      return name ? { body: await bundle(name), type: 'js' } : undefined;
    },
  };
}

/**
 * The reference server's own sources (some 160 modules under packages/server/src), served to the
 * test pages as one module: every test page starts the server in the page, and loading its
 * modules one by one was most of what was left of opening a page (the element tests took 178 s
 * in Chromium and 209 s in Firefox; 152 s and 168 s with this). The packages it imports stay
 * outside the bundle, so the pages share one copy of each with the tests (and `prebundled` above
 * still serves them). The modules tests import are the bundle's entries; any other server module
 * a test imports is refused with a message saying to add it here, so no module is loaded twice.
 */
const SERVER_MODULES = ['browser.ts', 'passkeys/tables.ts', 'recovery/one-time-tokens.ts', 'sso/service.ts'];
function serverBundle() {
  const dir = '/packages/server/src/';
  const path = '/__prebundled__/janua-server.js';
  let bundle;
  const text = () => (bundle ??= build({
    stdin: { contents: SERVER_MODULES.map((m) => `export * from './packages/server/src/${m}';`).join('\n'), resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    packages: 'external',
    conditions: ['source', 'browser'],
    tsconfig: 'tsconfig.json',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0].text));
  return {
    name: 'janua-server-bundle',
    async serve(context) {
      if (context.path === path) return { body: await text(), type: 'js' };
      if (!context.path.startsWith(dir)) return undefined;
      const module = context.path.slice(dir.length);
      if (!SERVER_MODULES.includes(module)) {
        return { body: `throw new Error('packages/server/src/${module} is not in SERVER_MODULES (web-test-runner.config.mjs): add it there');`, type: 'js' };
      }
      return { body: `export * from '${path}';\n`, type: 'js' };
    },
  };
}

/**
 * React and React DOM for the React wrapper's tests: CommonJS packages, so one browser bundle
 * holds both (two would each carry a React of their own) and `react`, `react-dom/client` and
 * `react-dom/server` (its browser build, for the hydration test) are served as modules that
 * re-export its parts by name, the names read from the packages in Node.
 */
function reactInBrowser() {
  // Read in a child process: React loaded here would write to the test runner's own console.
  const exportsOf = (spec) => JSON.parse(execFileSync(process.execPath, ['-e', `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(spec)}))))`],
    { cwd: process.cwd(), env: { ...process.env, NODE_ENV: 'production' }, encoding: 'utf8' }));
  const shared = '/__prebundled__/react-and-dom.js';
  const modules = {
    react: '/__prebundled__/react.js',
    'react-dom/client': '/__prebundled__/react-dom-client.js',
    'react-dom/server': '/__prebundled__/react-dom-server.js',
  };
  const named = (spec, from) => {
    const names = exportsOf(spec).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
    return `import { ${from} as m } from '${shared}';\nexport const { ${names.join(', ')} } = m;\nexport default m;\n`;
  };
  let bundle;
  return {
    name: 'janua-react-in-browser',
    resolveImport({ source }) {
      return modules[source];
    },
    async serve(context) {
      if (context.path === shared) {
        bundle ??= build({
          stdin: { contents: `import * as R from 'react'; import * as D from 'react-dom/client'; import * as S from 'react-dom/server'; export { R, D, S };`, resolveDir: process.cwd(), loader: 'js' },
          bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent',
          define: { 'process.env.NODE_ENV': '"development"' },
        }).then((result) => result.outputFiles[0].text);
        return { body: await bundle, type: 'js' };
      }
      if (context.path === modules.react) return { body: named('react', 'R'), type: 'js' };
      if (context.path === modules['react-dom/client']) return { body: named('react-dom/client', 'D'), type: 'js' };
      if (context.path === modules['react-dom/server']) return { body: named('react-dom/server', 'S'), type: 'js' };
      return undefined;
    },
  };
}

/**
 * Vue for the Vue wrapper's tests: its builds for bundlers leave `process.env.NODE_ENV` and Vue's
 * feature flags to the bundler, so `vue` and `vue/server-renderer` (for the hydration test) are
 * served bundled with them defined. The server renderer takes Vue's runtime from the served
 * `vue` (an import WTR resolves back here), so a page holds one Vue.
 */
function vueInBrowser() {
  const modules = {
    vue: { path: '/__prebundled__/vue.js', entry: 'vue' },
    'vue/server-renderer': { path: '/__prebundled__/vue-server-renderer.js', entry: '@vue/server-renderer', alias: { '@vue/runtime-dom': 'vue' }, external: ['vue'] },
  };
  const bundles = new Map();
  return {
    name: 'janua-vue-in-browser',
    resolveImport({ source }) {
      return modules[source]?.path;
    },
    async serve(context) {
      const module = Object.values(modules).find((m) => m.path === context.path);
      if (!module) return undefined;
      const { entry, path, ...options } = module;
      if (!bundles.has(path)) {
        bundles.set(path, build({
          stdin: { contents: `export * from '${entry}';`, resolveDir: process.cwd(), loader: 'js' },
          bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent', ...options,
          define: { 'process.env.NODE_ENV': '"development"', __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'true' },
        }).then((result) => result.outputFiles[0].text));
      }
      return { body: await bundles.get(path), type: 'js' };
    },
  };
}

/**
 * The test files, several to a page. Opening a test page costs more than most files' tests (the
 * test framework, the kit and the in-page reference server are loaded and compiled anew in each
 * page: some 2.5 s of a loaded two-core machine, per file, per engine), so the files share pages:
 * one module per page, written to tests/unit/.pages/ at each run, imports a few test files, and
 * Mocha runs their suites one after another in that page. Six files to a page took the three
 * engines from about 480 s to 280 s. Firefox and WebKit open one page at a time, so fewer, fuller
 * pages cost them nothing in balance: the files that import the whole kit share pages of up to
 * thirteen (everything is defined there anyway), and three files that had pages of their own
 * share too: 15 pages per engine became 10, and the three engines went from about 288 s to 244 s. Files that
 * import one element's entry keep pages of five or six: a page shared with few others has few
 * files that define what their entry should have (thirteen to a page there saved another 10 s,
 * and would hide more). tests/e2e/entries.spec.ts checks each built entry alone in a page.
 * open-wc removes each test's fixtures; anything else a file changes in the page (history,
 * <html> attributes, globals it patches, a held restore) it puts back, in a finally or after hook.
 *
 * OWN_PAGE lists the files that need a page to themselves, each for its reason. A root-level hook
 * alone is no reason: Mocha runs it for every file in the page, so one that touches only its own
 * file's state (parts' `before`, the wrappers' `afterEach` that unmount what their tests mounted)
 * does nothing to the others. A file given on the command line (`wtr --files
 * tests/unit/x.test.ts`) runs alone in its page, as before.
 */
/** Files to a page at most: the whole-kit pool, the single-entry pool. */
const PAGE_SIZE = { wholeKit: 13, singleEntry: 6 };
const OWN_PAGE = {
  'package.test.ts': 'checks that nothing is defined before it imports the package entries by URL',
  'first-render.test.ts': 'places elements in the page before their definitions load',
  'media.test.ts': 'emulates print, reduced motion and forced colours for the whole page',
  'csp.test.ts': 'runs under its own Content-Security-Policy (the csp group)',
};
function testPages(dir = 'tests/unit') {
  const files = readdirSync(dir).filter((name) => name.endsWith('.test.ts')).sort();
  const shared = files.filter((name) => !(name in OWN_PAGE));
  // Files that import the whole kit share pages with each other only: a file that imports one
  // element's entry then still shows that the entry alone defines what the element needs.
  // The wrappers' entries count as the whole kit: each imports every element's entry.
  const wholeKit = (name) => /components\/index\.ts'|wrappers\/[\w-]+\/src\/index\.ts'/.test(readFileSync(`${dir}/${name}`, 'utf8'));
  const pools = [shared.filter(wholeKit), shared.filter((name) => !wholeKit(name))];
  const pagesDir = `${dir}/.pages`;
  mkdirSync(pagesDir, { recursive: true });
  const pages = [];
  for (const [i, pool] of pools.entries()) {
    const count = Math.ceil(pool.length / (i === 0 ? PAGE_SIZE.wholeKit : PAGE_SIZE.singleEntry));
    for (let n = 0; n < count; n++) {
      // Even shares, in name order.
      pages.push(page(pool.slice(Math.round((n * pool.length) / count), Math.round(((n + 1) * pool.length) / count))));
    }
  }
  function page(group) {
    const name = `${String(pages.length + 1).padStart(2, '0')}-${group[0].replace(/\.test\.ts$/, '')}.test.ts`;
    const text = `// Written by web-test-runner.config.mjs (testPages): ${group.length} test files in one page.\n${group.map((f) => `import '../${f}';`).join('\n')}\n`;
    const path = `${pagesDir}/${name}`;
    let old = null;
    try { old = readFileSync(path, 'utf8'); } catch { /* new page */ }
    if (old !== text) writeFileSync(path, text);
    return path;
  }
  // Pages left from a run with other files are removed, so no file runs twice.
  for (const name of readdirSync(pagesDir)) if (!pages.includes(`${pagesDir}/${name}`)) rmSync(`${pagesDir}/${name}`);
  return [...pages, ...files.filter((name) => name in OWN_PAGE && name !== 'csp.test.ts').map((name) => `${dir}/${name}`)];
}

export default {
  rootDir: '.',
  files: testPages(),
  groups: [{ name: 'csp', files: 'tests/unit/csp.test.ts', testRunnerHtml: cspHtml }],
  // `source`: workspace packages (@janua/core, …) are served from their TypeScript sources.
  nodeResolve: { exportConditions: ['source', 'browser'] },
  // Two cores. Firefox and WebKit open one test page at a time (a window each; only one window
  // has focus), so they run side by side first, and Chromium, two pages at a time, starts when
  // one of them is done (the order is engineLaunchers'). The engines one after the other took
  // 240 s here, this order 195 s, and Chromium first beside Firefox (three pages at once) 216 s.
  // A trial with all three side by side (five pages on two cores, on a machine loaded by others
  // too) had page loads run past the 30 s navigation timeout.
  concurrency: 2,
  concurrentBrowsers: 2,
  // Generous: the machine is shared, and each test runs real password hashing in the page.
  testsFinishTimeout: 600_000, // per page, and a page holds up to thirteen files
  // Opening a test page can take longer than the 30 s default when the machine is loaded.
  browserStartTimeout: 120_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [
    serverBundle(),
    prebundled(['@simplewebauthn/server', 'jose']),
    reactInBrowser(),
    vueInBrowser(),
    // TypeScript only: with a target set, the plugin would also run every JavaScript module through
    // esbuild, and redo it for each page for the modules served by the plugins above (not cached).
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json', loaders: { '.js': null } }),
    focusWindowPlugin,
  ],
  browsers: engineLaunchers(),
};
