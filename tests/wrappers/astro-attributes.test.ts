/**
 * The generated `.astro` components' props as HTML attributes (`wrappers/astro/src/attributes.ts`),
 * read back the way each element reads them: `<SignUp fields>` reaches `<janua-sign-up>` as JSON.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributes } from '../../wrappers/astro/src/attributes.ts';
import { fieldsConverter, type SignUpField } from '../../components/sign-up/fields.ts';

const SIGN_UP = { redirectUrl: 'redirect-url', fields: 'fields', appName: 'app-name' };

test('an object prop with an attribute goes as JSON, which the element parses back whole', () => {
  const fields: SignUpField[] = [
    { name: 'company', label: 'Company', required: true },
    { name: 'terms', type: 'checkbox', label: 'I accept the <terms> & "rules"', required: true },
  ];
  const out = attributes({ fields, redirectUrl: '/app', appName: 'Acme', class: 'card' }, SIGN_UP);
  assert.equal(typeof out['fields'], 'string');
  assert.deepEqual(fieldsConverter.fromAttribute(out['fields'] as string), fields);
  assert.deepEqual({ ...out, fields: undefined }, { 'redirect-url': '/app', 'app-name': 'Acme', class: 'card', fields: undefined });
});

test('objects without an attribute, functions, null and undefined stay out; class:list passes', () => {
  const out = attributes({ client: { any: 1 }, onSignedIn: () => undefined, redirectUrl: null, appName: undefined, 'class:list': ['a', 'b'] }, SIGN_UP);
  assert.deepEqual(out, { 'class:list': ['a', 'b'] });
});

test('booleans are present or absent; other booleans are written out', () => {
  assert.deepEqual(attributes({ hidePersonal: true }, { hidePersonal: 'hide-personal' }, ['hidePersonal']), { 'hide-personal': true });
  assert.deepEqual(attributes({ hidePersonal: false }, { hidePersonal: 'hide-personal' }, ['hidePersonal']), {});
  assert.deepEqual(attributes({ 'data-x': false }, {}), { 'data-x': 'false' });
});

test("HTML's boolean global attributes given a boolean are present or absent, as on a plain element", () => {
  const names = { redirectUrl: 'redirect-url', appName: 'app-name' };
  assert.deepEqual(attributes({ hidden: false, inert: false, autofocus: false, itemscope: false, appName: 'Acme' }, names), { 'app-name': 'Acme' });
  assert.deepEqual(attributes({ hidden: true, inert: true, autofocus: true }, names), { hidden: true, inert: true, autofocus: true });
  // Their string values are values (`hidden="until-found"`); enumerated attributes keep "false".
  assert.deepEqual(attributes({ hidden: 'until-found', spellcheck: false, draggable: false }, names), { hidden: 'until-found', spellcheck: 'false', draggable: 'false' });
});
