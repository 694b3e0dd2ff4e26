/**
 * What the generated components share, so each is little more than its spec. Attributes for
 * primitive props (the server renders them); DOM properties, the client and listeners in an
 * effect (browser only).
 */
import { readSpec, words, type ElementSpec } from '@janua/ssr';
import { getClient } from './runtime.ts';

export { readSpec as spec };
type SvelteSpec = ElementSpec;

/** Named slots (`header forgot-password-link`, or `name=prop` where the prop is not the camelCase) → [slot, snippet prop]. */
export function slots(list?: string): [string, string][] {
  return words(list).map((item) => {
    const [name, prop] = item.split('=') as [string, string?];
    return [name, prop ?? name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())];
  });
}

const primitive = (v: unknown) => v != null && typeof v !== 'object' && typeof v !== 'function';

/**
 * The element's attributes: the spec's props under their attribute names (defined primitives
 * only, booleans present or absent, so an absent prop leaves the element's default alone), other
 * attributes (`class`, `id`, `aria-*`) as given, event props left out.
 */
export function attributes(props: Record<string, unknown>, spec: SvelteSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in props) {
    const value = props[key];
    const attribute = spec.props[key];
    if (attribute === undefined) {
      if (!(key in spec.handlers)) out[key] = value;
    } else if (attribute && primitive(value) && value !== false) {
      out[attribute] = spec.booleans.includes(key) || value;
    }
  }
  return out;
}

/** Per element, the handler each of its events calls. */
const listening = new WeakMap<Element, Record<string, unknown>>();

/**
 * Sets what no attribute can carry (objects, props without an attribute) as DOM properties, the
 * configured client when the element takes one, and points each event at its handler: one
 * listener per event and element, never removed, because an element often announces its outcome
 * (`janua-signed-in`) after the status change that made the app remove it.
 */
export function apply(element: Element | undefined, props: Record<string, unknown>, spec: SvelteSpec): void {
  if (!element) return;
  const el = element as unknown as Record<string, unknown> & Element;
  let handlers = listening.get(el);
  if (!handlers) listening.set(el, (handlers = {}));
  for (const key in props) {
    const value = props[key];
    const event = spec.handlers[key];
    const attribute = spec.props[key];
    if (event) {
      const map = handlers;
      if (!(event in map)) el.addEventListener(event, (e) => (map[event] as ((e: Event) => void) | undefined)?.(e));
      map[event] = value;
    } else if (attribute !== undefined && value !== undefined && !(attribute && primitive(value))) {
      el[key] = value;
    }
  }
  const client = getClient();
  if ('client' in spec.props && props['client'] === undefined && client) el['client'] = client;
}
