/**
 * @janua/vue's components rendered on the server by Vue's own server renderer, from templates it
 * compiles as an app's build does: a named slot whose content renders nothing (a `v-if` that is
 * false, a forwarded `<slot>` not given, a `v-for` over nothing, blank text) leaves the element's
 * slot empty, so the element shows its own content there; and the element carries the hold that
 * keeps its light DOM as the server rendered it until Vue has hydrated it (tests/unit/vue-wrapper.test.ts
 * hydrates in a browser).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSSRApp, defineComponent } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { defineElement } from '../../wrappers/vue/src/render-element.ts';

/** The element's spec as the generator packs it: attributes, properties, events. */
const SignIn = defineElement('janua-sign-in', ['signUpUrl appName', 'client strings', 'janua-signed-in janua-error']);
/** An app's own component that hands its footer slot on to the element's. */
const Branded = defineComponent({ components: { SignIn }, template: '<SignIn app-name="Acme"><template #footer><slot name="footer" /></template></SignIn>' });

async function html(template: string, data: Record<string, unknown> = {}): Promise<string> {
  const app = createSSRApp({ components: { SignIn, Branded }, data: () => data, template });
  return (await renderToString(app)).replace(/<!--[^]*?-->/g, '');
}

test('a named slot whose content renders nothing leaves the element its own content', async () => {
  const empty = [
    ['a v-if that is false', '<SignIn sign-up-url="/sign-up"><template #footer><p v-if="show">Custom footer</p></template></SignIn>'],
    ['v-if that are false, a space between', '<SignIn sign-up-url="/sign-up"><template #footer><p v-if="show">A</p> <p v-if="show">B</p></template></SignIn>'],
    ['a v-for over nothing', '<SignIn sign-up-url="/sign-up"><template #footer><p v-for="line in lines">{{ line }}</p></template></SignIn>'],
    ['empty text', '<SignIn sign-up-url="/sign-up"><template #footer>{{ text }}</template></SignIn>'],
    ['a forwarded slot not given', '<Branded />'],
    ['a forwarded slot whose content renders nothing', '<Branded><template #footer><b v-if="show">Acme</b></template></Branded>'],
  ];
  for (const [what, template] of empty) {
    assert.doesNotMatch(await html(template!, { show: false, lines: [], text: '' }), /slot=|<span/, what);
  }
});

test('a named slot with content fills the element\'s slot of that name', async () => {
  assert.match(await html('<SignIn><template #footer><p v-if="show">Custom footer</p></template></SignIn>', { show: true }),
    /<janua-sign-in[^>]*><p slot="footer">Custom footer<\/p><\/janua-sign-in>/);
  assert.match(await html('<SignIn><template #footer><p v-for="line in lines">{{ line }}</p></template></SignIn>', { lines: ['One', 'Two'] }),
    /<janua-sign-in[^>]*><span slot="footer"><p>One<\/p><p>Two<\/p><\/span><\/janua-sign-in>/);
  assert.match(await html('<SignIn><template #footer>{{ text }}</template></SignIn>', { text: 'Ask the admin' }),
    /<janua-sign-in[^>]*><span slot="footer">Ask the admin<\/span><\/janua-sign-in>/);
  assert.match(await html('<Branded><template #footer><b>Acme</b></template></Branded>'),
    /<janua-sign-in[^>]*><span slot="footer"><b>Acme<\/b><\/span><\/janua-sign-in>/);
  // The default slot keeps its text as written, spaces included.
  assert.match(await html('<SignIn><b>a</b> <i>b</i></SignIn>'), /<janua-sign-in[^>]*><b>a<\/b> <i>b<\/i><\/janua-sign-in>/);
});

test('the element is rendered held, so it leaves the server-rendered light DOM to Vue\'s hydration', async () => {
  assert.match(await html('<SignIn app-name="Acme" @janua-signed-in="() => {}" />'), /^<janua-sign-in data-janua-hold(="")? app-name="Acme"><\/janua-sign-in>$/);
});
