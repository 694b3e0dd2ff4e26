import {
  createElement, forwardRef, useContext,
  type ForwardRefExoticComponent, type HTMLAttributes, type ReactNode, type RefAttributes,
} from 'react';
import { readSpec, type PackedSpec } from '@janua/ssr';
import { JanuaContext } from './context.ts';

/** The element's own props, then any HTML attribute (`id`, `className`, `slot`, `aria-*`, …), then children. */
export type ElementProps<E extends HTMLElement, P> = P & Omit<HTMLAttributes<E>, keyof P> & { children?: ReactNode };

export type ElementComponent<E extends HTMLElement, P> = ForwardRefExoticComponent<ElementProps<E, P> & RefAttributes<E>>;

// Elements on this page hold their light DOM while they carry `data-janua-hold` (see below).
(globalThis as { __januaHold?: number }).__januaHold = 1;

/** Per element, the handler each of its events calls (one listener per event, added once). */
const listening = new WeakMap<Element, Record<string, unknown>>();
/** Per element, the properties the last render set, so one a later render leaves out is cleared. */
const given = new WeakMap<Element, string[]>();

/**
 * A React component that renders `<tag>`: primitive props with an attribute become attributes (so
 * server-rendered HTML carries them and hydration matches), the rest are set as properties, event
 * props become listeners. Works the same on React 18 and 19. An element with a `client` property
 * gets the `<JanuaProvider>`'s client unless one is passed.
 */
export function createComponent<E extends HTMLElement, P extends object>(tag: string, packed: PackedSpec): ElementComponent<E, P> {
  // `handlers`: event prop (`onSignedIn`) → DOM event (`janua-signed-in`).
  const { props: known, handlers: events, booleans } = readSpec(packed);
  const component = forwardRef<E, Record<string, unknown>>((props, forwarded) => {
    const client = useContext(JanuaContext)?.client;
    const host: Record<string, unknown> = {};
    const properties: Record<string, unknown> = {};
    const on: Record<string, unknown> = {};
    for (const key in props) {
      const value = props[key];
      const attribute = known[key];
      if (key in events) on[events[key]!] = value;
      else if (attribute === undefined) host[key] = value;
      else if (attribute && (value == null || (typeof value !== 'object' && typeof value !== 'function'))) {
        const flag = booleans.includes(key);
        // `true`, not '': React 19 sets a custom element's property when the element has one of
        // the attribute's name (`pending`), and '' would switch it off; React 18 writes the
        // attribute, present either way.
        if (flag ? value : value != null) host[attribute] = flag ? true : value;
      } else if (value !== undefined) properties[key] = value;
    }
    if ('client' in known && properties['client'] === undefined && client) properties['client'] = client;
    // The ref runs at every commit, before the element's first update (a microtask after it
    // connects), and never on the server.
    host['ref'] = (node: E | null) => {
      if (typeof forwarded === 'function') forwarded(node);
      else if (forwarded) forwarded.current = node;
      if (!node) return;
      // Rendered with the hold (below): the element may fill its light DOM now that React has it.
      node.removeAttribute('data-janua-hold');
      const el = node as unknown as Record<string, unknown> & Element;
      for (const key of given.get(el) ?? []) if (!(key in properties)) el[key] = undefined;
      given.set(el, Object.keys(properties));
      for (const key in properties) if (el[key] !== properties[key]) el[key] = properties[key];
      // Listeners are never removed: an element often announces its outcome (`janua-signed-in`)
      // after the status change that made the app unmount it, and the app still hears it.
      let handlers = listening.get(el);
      if (!handlers) listening.set(el, (handlers = {}));
      for (const name in on) {
        if (!(name in handlers)) el.addEventListener(name, (event) => (handlers[name] as ((e: Event) => void) | undefined)?.(event));
      }
      for (const name in handlers) handlers[name] = on[name];
      for (const name in on) handlers[name] = on[name];
    };
    // The element leaves its light DOM alone until the ref takes this off: hydrating server HTML,
    // React would find the element's own children there and render the whole root again.
    host['data-janua-hold'] = '';
    return createElement(tag, host);
  });
  component.displayName = tag;
  return component as unknown as ElementComponent<E, P>;
}

