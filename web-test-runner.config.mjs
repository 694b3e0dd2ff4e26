// Element tests in three real engines — Chromium, Firefox ESR and WebKitGTK — all system browsers
// (web-test-runner.engines.mjs; JANUA_ENGINES picks some). TypeScript goes through esbuild with
// the root tsconfig, so `useDefineForClassFields: false` holds exactly as in the build.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { engineLaunchers, focusWindowPlugin } from './web-test-runner.engines.mjs';

/** Strict CSP for the CSP suite: everything from this origin only, no inline script or style at all. */
const cspHtml = (testFramework) => `<!doctype html>
<html lang="en">
  <head>
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src 'self' http://csp.test; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'">
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`;

export default {
  rootDir: '.',
  files: ['tests/unit/**/*.test.ts', '!tests/unit/csp.test.ts'],
  groups: [{ name: 'csp', files: 'tests/unit/csp.test.ts', testRunnerHtml: cspHtml }],
  // `source`: workspace packages (@janua/core, …) are served from their TypeScript sources.
  nodeResolve: { exportConditions: ['source', 'browser'] },
  // Two cores: the engines take turns (Chromium, then Firefox, then WebKit), two test pages at a
  // time in Chromium and one in Firefox and WebKit (a window each; only one window has focus). A trial with
  // the engines side by side (five pages on two cores, on a machine loaded by others too) had
  // page loads run past the 30 s navigation timeout.
  concurrency: 2,
  concurrentBrowsers: 1,
  // Generous: the machine is shared, and each test runs real password hashing in the page.
  testsFinishTimeout: 240_000,
  // Opening a test page can take longer than the 30 s default when the machine is loaded.
  browserStartTimeout: 120_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), focusWindowPlugin],
  browsers: engineLaunchers(),
};
