/**
 * The wrappers in plain Node, as a server-rendering app meets them: every built entry imports
 * without touching the DOM or leaving globals (but Lit's shim, from the elements they define),
 * and React and Vue render the elements and the auth state to HTML on the server, no client
 * created there: `loading`, or what the server knew (`initialState`). Each element comes with
 * `data-janua-hold` (the wrappers' ref takes it off once the framework has hydrated it).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { ensurePackagesBuilt, importInNode, LIT_GLOBALS, root } from '../packages/support.ts';

const ENTRIES = [
  '@janua/react', '@janua/vue', '@janua/vue/config', '@janua/svelte', '@janua/svelte/server',
  '@janua/astro', '@janua/astro/middleware', '@janua/astro/client', '@janua/ssr', '@janua/ssr/server', '@janua/testing',
];

before(() => {
  ensurePackagesBuilt();
  const run = spawnSync(process.execPath, ['scripts/ensure-built.mjs', 'wrappers'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
});

/** Runs an ES module script in plain Node from the repository root; returns its stdout. */
function node(script: string): string {
  const env = { ...process.env };
  delete env['NODE_OPTIONS'];
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, env, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

test('every wrapper entry imports in plain Node: no DOM touched, no globals but Lit\'s shim, Vue\'s own and the hold note', () => {
  const report = importInNode(ENTRIES);
  assert.deepEqual(report.results.filter((r) => !r.ok), []);
  // Vue itself keeps its dev-tool hooks on globalThis (`__VUE_*`), and the React and Vue wrappers
  // note that they take `data-janua-hold` off (`__januaHold`, a number); nothing else may appear.
  assert.deepEqual(report.newGlobals.filter((g) => !LIT_GLOBALS.includes(g) && !g.startsWith('__VUE_') && g !== '__januaHold'), []);
  const touched = report.domAccess.filter((a) => !(a.name === 'customElements' && a.file.endsWith('/internal/define.js')));
  assert.deepEqual(touched, []);
  const exports = Object.fromEntries(report.results.map((r) => [r.specifier, r.exports ?? []]));
  assert.ok(exports['@janua/react']!.includes('SignIn') && exports['@janua/react']!.includes('useAuth'));
  assert.ok(exports['@janua/vue']!.includes('janua') && exports['@janua/vue']!.includes('SignIn'));
  // Plain Node gets the stores; the components (.svelte) are for the app's Svelte compiler.
  assert.ok(exports['@janua/svelte']!.includes('user') && exports['@janua/svelte']!.includes('configure'));
  assert.ok(exports['@janua/astro']!.includes('default') && exports['@janua/astro']!.includes('protect'));
  // The elements the wrappers define landed in Lit's server registry, not a browser one.
  assert.ok(report.definedTags.includes('janua-sign-in'));
});

const ADA = "{ id: 'u1', email: 'ada@example.test', firstName: 'Ada', lastName: 'Lovelace', username: null, emailVerified: true, profileImageUrl: null, locale: null, mfaEnabled: false, createdAt: '', updatedAt: '', lastSignInAt: null, metadata: {} }";

test('React renders on the server: attributes in the HTML, the auth state from initialState, no client', () => {
  const html = node(`
    import { createElement as h } from 'react';
    import { renderToString } from 'react-dom/server';
    import { JanuaProvider, SignIn, UserName, useAuth, useUser } from '@janua/react';
    function Status() {
      const { status, isLoaded } = useAuth();
      const { user } = useUser();
      return h('p', { id: 'status' }, status + ' ' + isLoaded + ' ' + (user ? user.firstName : 'nobody'));
    }
    const page = (initialState) => h(JanuaProvider, { api: 'https://auth.example.test', initialState },
      h(SignIn, { redirectUrl: '/dashboard', appName: 'Acme', onSignedIn: () => {} }, h('h2', { slot: 'header' }, 'Hi')),
      h(UserName, { format: 'first' }), h(Status));
    console.log(renderToString(page(null)));
    console.log(renderToString(page({ user: ${ADA} })));
  `);
  const [signedOut, signedIn] = html.trim().split('\n');
  assert.match(signedOut!, /<janua-sign-in redirect-url="\/dashboard" app-name="Acme" data-janua-hold=""><h2 slot="header">Hi<\/h2><\/janua-sign-in>/);
  assert.match(signedOut!, /<janua-user-name format="first" data-janua-hold=""><\/janua-user-name>/);
  assert.match(signedOut!, /<p id="status">loading false nobody<\/p>/);
  assert.match(signedIn!, /<p id="status">signed-in true Ada<\/p>/);
  assert.doesNotMatch(signedOut!, /onSignedIn|\[object Object\]/);
});

test('Vue renders on the server: attributes in the HTML, named slots, the auth state from initialState', () => {
  const html = node(`
    import { createSSRApp, h, defineComponent } from 'vue';
    import { renderToString } from 'vue/server-renderer';
    import { janua, SignIn, UserName, useAuth, useUser } from '@janua/vue';
    const Status = defineComponent({ setup() {
      const { status } = useAuth(); const { user } = useUser();
      return () => h('p', { id: 'status' }, status.value + ' ' + (user.value ? user.value.firstName : 'nobody'));
    } });
    for (const initialState of [null, { user: ${ADA} }]) {
      const app = createSSRApp({ render: () => [
        h(SignIn, { redirectUrl: '/dashboard', onSignedIn: () => {} }, { header: () => h('h2', 'Hi') }),
        h(UserName, { format: 'first' }), h(Status)] });
      app.use(janua, { api: 'https://auth.example.test', initialState });
      console.log(await renderToString(app));
    }
  `);
  const [signedOut, signedIn] = html.trim().split('\n');
  assert.match(signedOut!, /<janua-sign-in data-janua-hold redirect-url="\/dashboard"><h2 slot="header">Hi<\/h2><\/janua-sign-in>/);
  assert.match(signedOut!, /<janua-user-name data-janua-hold format="first"><\/janua-user-name>/);
  assert.match(signedOut!, /<p id="status">loading nobody<\/p>/);
  assert.match(signedIn!, /<p id="status">signed-in Ada<\/p>/);
  assert.doesNotMatch(signedOut!, /\[object Object\]|client=/);
});

test('boolean props reach the HTML on: Vue\'s bare attributes (\'\') and React\'s true, and false leaves them out', () => {
  const html = node(`
    import { createSSRApp, h } from 'vue';
    import { renderToString } from 'vue/server-renderer';
    import { createElement } from 'react';
    import { renderToString as reactToString } from 'react-dom/server';
    import * as vue from '@janua/vue';
    import * as react from '@janua/react';
    // What a Vue template's bare <Button disabled> hands the component: ''.
    const app = createSSRApp({ render: () => [
      h(vue.Button, { disabled: '', pending: false, label: 'Go' }), h(vue.OrgSwitcher, { hidePersonal: '' }),
      h(vue.BackupCodes, { embedded: '' }), h(vue.Button, { disabled: false, label: 'Off' })] });
    console.log(await renderToString(app));
    console.log(reactToString(createElement('div', null, createElement(react.Button, { pending: true, disabled: false, label: 'Go' }),
      createElement(react.OrgSwitcher, { hidePersonal: true }))));
  `);
  const [fromVue, fromReact] = html.trim().split('\n');
  assert.match(fromVue!, /<janua-button data-janua-hold disabled(="")? label="Go"><\/janua-button>/);
  assert.match(fromVue!, /<janua-org-switcher data-janua-hold hide-personal(="")?><\/janua-org-switcher>/);
  assert.match(fromVue!, /<janua-backup-codes data-janua-hold embedded(="")?><\/janua-backup-codes>/);
  assert.match(fromVue!, /<janua-button data-janua-hold label="Off"><\/janua-button>/);
  assert.doesNotMatch(fromVue!, /pending/);
  assert.match(fromReact!, /<janua-button pending="" label="Go" data-janua-hold=""><\/janua-button>/);
  assert.match(fromReact!, /<janua-org-switcher hide-personal="" data-janua-hold=""><\/janua-org-switcher>/);
  assert.doesNotMatch(fromReact!, /disabled/);
});

test("@janua/react's built entry starts with 'use client', so a React Server Component (Next.js App Router) may import it", () => {
  const entry = readFileSync(`${root}/wrappers/react/dist/index.js`, 'utf8');
  const firstStatement = entry.replace(/^(\s*(\/\*[\s\S]*?\*\/|\/\/[^\n]*\n))*\s*/, '');
  assert.match(firstStatement, /^['"]use client['"];/);
});
