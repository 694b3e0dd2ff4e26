/**
 * What the generated components share, so each is little more than its spec. Element.svelte
 * spreads `attributes()` on the element and Svelte applies it: attributes (the server renders
 * them too); in the browser, DOM properties (Svelte sets a custom element's property when it has
 * a setter, as every reactive property of a Janua element has); and `on<event>` listeners, one per
 * event and element, calling the handler of the moment and left on the element when the component
 * goes, because an element often announces its outcome (`janua-signed-in`) after the status change
 * that made the app remove it.
 */
import { words, type PackedSpec } from '@janua/ssr';
import { configured } from './configured.ts';

/**
 * What a generated component hands Element.svelte: the tag; the snippet props of its named slots
 * (`footer forgotPasswordLink`, or `prop=slot` where the slot is not the prop's kebab-case); then
 * the attribute, property and event lists of the element's PackedSpec (@janua/ssr). The lists are
 * read here as they are, not through `readSpec`'s maps, which would cost every app more bytes.
 */
export type SvelteSpec = readonly [tag: string, slots: string, attributes: PackedSpec[0], properties: PackedSpec[1], events: PackedSpec[2]];

type Props = Record<string, unknown>;

/** `redirectUrl` → [redirectUrl, redirect-url]; `name=other` → [name, other]: readSpec's rule. */
const pairs = (list: string) =>
  words(list).map((item) => {
    const [name, other = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)] = item.split('=') as [string, string?];
    return [name, other] as const;
  });

/** The named slots given a snippet: [slot, snippet]. */
export const slotted = (props: Props, [, slots]: SvelteSpec) =>
  pairs(slots).filter(([prop]) => props[prop]).map(([prop, slot]) => [slot, props[prop]] as const);

/**
 * What Element.svelte spreads on the element. A prop that an attribute carries, with a primitive
 * value: that attribute (left out for `false`, so the element's default holds). In the browser,
 * any other prop of the element as its DOM property (objects, props no attribute carries, the
 * configured client unless one is passed); on the server, nothing. Event props (`onSignedIn`):
 * `on<event>` (`onjanua-signed-in`). Anything else (`class`, `id`, `aria-*`) as given; Svelte
 * skips the functions among them that are no property (children, snippets).
 */
export function attributes(props: Props, [, , attributeProps, propertyProps, events]: SvelteSpec, browser = typeof document != 'undefined'): Props {
  const out = { ...props };
  for (const [name, attribute] of [...pairs(attributeProps), ...words(propertyProps).map((name) => [name] as const)]) {
    let value = out[name];
    delete out[name];
    if (value === undefined && name == 'client') value = configured.client;
    // A primitive: not null or undefined, and not an object (Object(value) wraps a primitive anew).
    if (attribute && value != null && Object(value) !== value) {
      if (value !== false) out[attribute] = value;
    } else if (browser) out[name] = value;
  }
  for (const event of words(events)) {
    // readSpec's rule: `janua-signed-in` → `onSignedIn`.
    const prop = `on${event.replace(/^janua-/, '').replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`;
    out[`on${event}`] = out[prop];
    delete out[prop];
  }
  return out;
}
