import {
  createElement, forwardRef, useCallback, useContext, useEffect, useLayoutEffect, useRef,
  type ForwardRefExoticComponent, type HTMLAttributes, type ReactNode, type Ref, type RefAttributes,
} from 'react';
import { JanuaContext } from './context.ts';

/** How one element's props reach it; written by the generator from the manifest. */
export interface ElementSpec {
  /** Prop → attribute name (primitive values render as that attribute, on the server too), or null: set as a property. */
  props: Readonly<Record<string, string | null>>;
  /** Props whose attribute is a boolean one (present or absent). */
  booleans?: readonly string[];
  /** Event prop (`onSignedIn`) → DOM event name (`janua-signed-in`). */
  events: Readonly<Record<string, string>>;
}

/** The element's own props, then any HTML attribute (`id`, `className`, `slot`, `aria-*`, …), then children. */
export type ElementProps<E extends HTMLElement, P> = P & Omit<HTMLAttributes<E>, keyof P> & { children?: ReactNode };

export type ElementComponent<E extends HTMLElement, P> = ForwardRefExoticComponent<ElementProps<E, P> & RefAttributes<E>>;

// Layout effects so properties and listeners are in place before the element's first update
// (a microtask after it connects); plain effects on the server, where neither runs.
const useIsomorphicLayoutEffect: typeof useLayoutEffect = (effect, deps) =>
  (typeof document === 'undefined' ? useEffect : useLayoutEffect)(effect, deps);

/** The event names each element has a listener for. */
const listening = new WeakMap<Element, Set<string>>();

const isAttributeValue = (v: unknown) => v === null || v === undefined || (typeof v !== 'object' && typeof v !== 'function');

/**
 * A React component that renders `<tag>`: primitive props with an attribute become attributes (so
 * server-rendered HTML carries them and hydration matches), the rest are set as properties, event
 * props become listeners. Works the same on React 18 and 19. An element with a `client` property
 * gets the `<JanuaProvider>`'s client unless one is passed.
 */
export function createComponent<E extends HTMLElement, P extends object>(tag: string, spec: ElementSpec): ElementComponent<E, P> {
  const booleans = new Set(spec.booleans ?? []);
  const component = forwardRef<E, Record<string, unknown>>(function JanuaElement(props, forwarded) {
    const provided = useContext(JanuaContext);
    const element = useRef<E | null>(null);
    const host: Record<string, unknown> = {};
    const properties: Record<string, unknown> = {};
    const handlers: Record<string, unknown> = {};
    for (const key of Object.keys(props)) {
      const value = props[key];
      const event = spec.events[key];
      if (event !== undefined) {
        if (typeof value === 'function') handlers[event] = value;
      } else if (key in spec.props) {
        const attribute = spec.props[key];
        if (attribute && isAttributeValue(value)) {
          if (booleans.has(key) ? value : value !== undefined && value !== null) host[attribute] = booleans.has(key) ? '' : String(value);
        } else if (value !== undefined) {
          properties[key] = value;
        }
      } else {
        host[key] = value;
      }
    }
    if ('client' in spec.props && properties['client'] === undefined && provided?.client) properties['client'] = provided.client;

    const applied = useRef<Record<string, unknown>>({});
    useIsomorphicLayoutEffect(() => {
      const el = element.current as unknown as Record<string, unknown> | null;
      if (!el) return;
      for (const [key, value] of Object.entries(properties)) if (applied.current[key] !== value) el[key] = value;
      for (const key of Object.keys(applied.current)) if (!(key in properties)) el[key] = undefined;
      applied.current = properties;
    });

    // One listener per event name and element, calling whatever handler the latest render
    // passed. It is never removed: an element often announces its outcome (`janua-signed-in`)
    // after the status change that made the app unmount it, and the app still hears it.
    const latest = useRef(handlers);
    useIsomorphicLayoutEffect(() => {
      latest.current = handlers;
      const el = element.current;
      if (!el) return;
      let names = listening.get(el);
      if (!names) listening.set(el, (names = new Set()));
      for (const name of Object.keys(handlers)) {
        if (names.has(name)) continue;
        names.add(name);
        el.addEventListener(name, (event) => (latest.current[name] as ((e: Event) => void) | undefined)?.(event));
      }
    });

    const ref = useCallback((node: E | null) => {
      element.current = node;
      setRef(forwarded, node);
    }, [forwarded]);
    return createElement(tag, { ...host, ref });
  });
  component.displayName = tag;
  return component as unknown as ElementComponent<E, P>;
}

function setRef<T>(ref: Ref<T> | undefined, value: T | null): void {
  if (typeof ref === 'function') ref(value);
  else if (ref) (ref as { current: T | null }).current = value;
}
