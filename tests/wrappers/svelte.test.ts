/**
 * @janua/svelte's components. Every one renders Element.svelte, which spreads `attributes()` on
 * its element: checked here for every element of the manifest (and a new one) against what
 * readSpec reads from the same packed spec, on the server and in the browser. Then a page using
 * the generated components, compiled by the Svelte compiler for the server and rendered: the
 * attributes, the named-slot snippets and the children are in the HTML, and nothing that only a
 * DOM property or a listener can carry; and, as the README says, a snippet fills its slot even
 * when it renders nothing, so the way to leave the element its own content is not to pass it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { compile } from 'svelte/compiler';
import { JanuaClient } from '@janua/core';
import { renderWrapper } from '../../scripts/generate-wrappers.mjs';
import { packedSpec, readElements } from '../../scripts/wrappers/model.mjs';
import { readSpec } from '../../wrappers/ssr/src/index.ts';
import { attributes, slotted, type SvelteSpec } from '../../wrappers/svelte/src/element.ts';
import { configured } from '../../wrappers/svelte/src/configured.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function manifest(): { modules: Record<string, unknown>[] } {
  const run = spawnSync(process.execPath, ['scripts/ensure-built.mjs', 'manifest'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
}

/** What Svelte applies of a spread: an `undefined` value is as good as no key, on the server and in the browser. */
function applied(props: Record<string, unknown>, spec: SvelteSpec, browser: boolean): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attributes(props, spec, browser)).filter(([, value]) => value !== undefined));
}

/** The spec a generated component hands Element.svelte. */
const specOf = (component: string): SvelteSpec => JSON.parse(/<Element spec=\{(.*)\} \{props\} \/>/.exec(component)![1]!);

test('what Element.svelte spreads on every element: attributes, DOM properties in the browser only, listeners, the rest as given', () => {
  const base = manifest();
  const files = renderWrapper('svelte', base);
  const client = new JanuaClient({ api: 'http://127.0.0.1:9', restore: false, crossTab: false });
  const onClick = () => undefined;
  const passThrough = { class: 'wide', id: 'main', 'aria-label': 'Account', onclick: onClick };
  try {
    for (const el of readElements(base)) {
      const spec = specOf(files[`${el.name}.svelte`]!);
      const known = readSpec(JSON.parse(packedSpec(el)));
      assert.equal(spec[0], el.tag);
      for (const browser of [false, true]) {
        const where = `${el.tag} (${browser ? 'browser' : 'server'})`;
        configured.client = browser ? client : undefined;
        const defaults = browser && 'client' in known.props ? { client } : {};
        assert.deepEqual(applied(passThrough, spec, browser), { ...passThrough, ...defaults }, where);
        for (const [prop, attribute] of Object.entries(known.props)) {
          const object = { value: prop };
          if (attribute) {
            assert.deepEqual(applied({ [prop]: 'text' }, spec, browser), { [attribute]: 'text', ...defaults }, `${where} ${prop}`);
            assert.deepEqual(applied({ [prop]: 3 }, spec, browser), { [attribute]: 3, ...defaults }, `${where} ${prop}`);
            // false leaves the attribute out (and the element's default in place).
            assert.deepEqual(applied({ [prop]: false }, spec, browser), defaults, `${where} ${prop}`);
          }
          // An object, or null: a DOM property, which only the browser has.
          assert.deepEqual(applied({ [prop]: object }, spec, browser), browser ? { ...defaults, [prop]: object } : {}, `${where} ${prop}`);
          assert.deepEqual(applied({ [prop]: null }, spec, browser), browser ? { ...defaults, [prop]: null } : {}, `${where} ${prop}`);
        }
        for (const [handler, event] of Object.entries(known.handlers)) {
          const listener = () => undefined;
          assert.deepEqual(applied({ [handler]: listener }, spec, browser), { [`on${event}`]: listener, ...defaults }, `${where} ${handler}`);
        }
      }
      if ('client' in known.props) {
        // A client passed wins over the configured one.
        configured.client = client;
        const own = new JanuaClient({ api: 'http://127.0.0.1:8', restore: false, crossTab: false });
        assert.equal(applied({ client: own }, spec, true)['client'], own, el.tag);
      }
      const snippets = Object.fromEntries(el.slots.filter((s) => s.name).map((s, i) => [s.name, () => i]));
      const props = Object.fromEntries(spec[1].split(' ').filter(Boolean).map((item) => {
        const [prop, slot = prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)] = item.split('=') as [string, string?];
        return [prop, snippets[slot]];
      }));
      assert.deepEqual(slotted(props, spec).map(([slot]) => slot), Object.keys(snippets), `${el.tag}: every named slot`);
      assert.deepEqual(slotted({}, spec), [], `${el.tag}: no snippet, no slot`);
    }
  } finally {
    configured.client = undefined;
  }
});

test('a slot whose snippet prop had to be renamed keeps its own name', () => {
  const footer = () => undefined;
  const spec: SvelteSpec = ['janua-x', 'configSlot=config legalText', '', 'config', ''];
  assert.deepEqual(slotted({ configSlot: footer, config: {} }, spec), [['config', footer]]);
  assert.deepEqual(slotted({ legalText: footer }, spec), [['legal-text', footer]]);
});

/**
 * Renders a page (a .svelte file's text) of generated components on the server, as an app's
 * server build does: Svelte's server runtime and the components in one bundle. Returns the HTML
 * of each set of props, without Svelte's comment marks.
 */
async function renderPage(page: string, ...propsList: Record<string, unknown>[]): Promise<string[]> {
  const files = renderWrapper('svelte', manifest());
  const generated: Plugin = {
    name: 'generated',
    setup(b) {
      b.onResolve({ filter: /^generated:/ }, (args) => ({ path: args.path.slice('generated:'.length), namespace: 'generated' }));
      b.onLoad({ filter: /.*/, namespace: 'generated' }, (args) => ({
        contents: compile(files[args.path]!, { generate: 'server', filename: args.path }).js.code,
        resolveDir: join(root, 'wrappers/svelte/src/generated'),
        loader: 'js',
      }));
      b.onResolve({ filter: /^page$/ }, () => ({ path: 'page', namespace: 'page' }));
      b.onLoad({ filter: /.*/, namespace: 'page' }, () => ({ contents: compile(page, { generate: 'server', filename: 'Page.svelte' }).js.code, resolveDir: root, loader: 'js' }));
      b.onLoad({ filter: /\.svelte$/ }, (args) => ({ contents: compile(readFileSync(args.path, 'utf8'), { generate: 'server', filename: args.path }).js.code, loader: 'js' }));
    },
  };
  const dir = mkdtempSync(join(tmpdir(), 'janua-svelte-'));
  try {
    await build({
      stdin: { contents: "export { render } from 'svelte/server';\nexport { default } from 'page';", resolveDir: root, loader: 'js' },
      bundle: true, outfile: join(dir, 'page.mjs'), format: 'esm', platform: 'node', conditions: ['svelte', 'source'],
      plugins: [generated], logLevel: 'error',
    });
    const { render, default: Page } = await import(pathToFileURL(join(dir, 'page.mjs')).href);
    return (propsList.length ? propsList : [{}]).map((props) => (render(Page, { props }).body as string).replace(/<!--[^>]*-->/g, ''));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a page of generated components, rendered on the server', async () => {
  const [html] = await renderPage(`<script>
  import SignIn from 'generated:SignIn.svelte';
  import UserName from 'generated:UserName.svelte';
  import Button from 'generated:Button.svelte';
</script>
<SignIn redirectUrl="/dashboard" appName="Acme &amp; Co" resendCooldown={30} methods={undefined} strings={{ 'signIn.title': 'Hi' }} class="wide" onSignedIn={() => undefined}>
  {#snippet header()}<h1>Welcome back</h1>{/snippet}
  {#snippet forgotPasswordLink()}<a href="/forgot">Lost it?</a>{/snippet}
  <p>Terms apply.</p>
</SignIn>
<UserName format="first" />
<Button label="Go" disabled inline pending={false} />`);
  /** The attributes of the first `<name>` in the HTML. */
  const tag = (name: string) => {
    const open = /<[^>]+>/.exec(html!.slice(html!.indexOf(`<${name}`)))![0];
    return Object.fromEntries([...open.matchAll(/ ([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  };
  assert.deepEqual(tag('janua-sign-in'), { 'redirect-url': '/dashboard', 'app-name': 'Acme &amp; Co', 'resend-cooldown': '30', class: 'wide' });
  assert.match(html!, /<janua-sign-in[^>]*><div slot="header"><h1>Welcome back<\/h1><\/div><div slot="forgot-password-link"><a href="\/forgot">Lost it\?<\/a><\/div>\s*<p>Terms apply\.<\/p>\s*<\/janua-sign-in>/);
  assert.deepEqual(tag('janua-user-name'), { format: 'first' });
  // A boolean's attribute is there for true (`disabled` as HTML writes its own booleans), absent for false.
  assert.deepEqual(tag('janua-button'), { label: 'Go', disabled: '', inline: 'true' });
});

test("the README's named slots: a snippet fills its slot even when it renders nothing; one passed only when it has content leaves the element its own", async () => {
  const readme = readFileSync(join(root, 'wrappers/svelte/README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Named slots\n'));
  const example = /```svelte\n([\s\S]*?)```/.exec(section.slice(0, section.indexOf('\n## ', 1)))?.[1];
  assert.ok(example, 'the README shows how to leave a slot to the element');
  const [empty] = await renderPage(`<script>import SignIn from 'generated:SignIn.svelte'; let show = false;</script>
<SignIn signUpUrl="/sign-up">{#snippet footer()}{#if show}<p>Custom footer</p>{/if}{/snippet}</SignIn>`);
  assert.match(empty!, /<janua-sign-in sign-up-url="\/sign-up"><div slot="footer"><\/div><\/janua-sign-in>/, 'as the README says');
  const [without, given] = await renderPage(`<script>import SignIn from 'generated:SignIn.svelte'; let { inviteUrl } = $props();</script>\n${example}`, {}, { inviteUrl: '/invitations/abc' });
  assert.match(without!, /<janua-sign-in sign-up-url="\/sign-up"><\/janua-sign-in>/);
  assert.match(given!, /<janua-sign-in sign-up-url="\/sign-up"><div slot="footer"><p>[^<]*<a href="\/invitations\/abc">/);
});
