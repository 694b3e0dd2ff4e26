/**
 * What the generated components share. Attributes for primitive props (so the server renders
 * them), DOM properties and listeners in effects (browser only).
 */
import { getClient } from './runtime.ts';

/** Defined values only (an absent prop leaves the element's default alone); booleans present or absent. */
export function attributes(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === false || typeof value === 'object' || typeof value === 'function') continue;
    out[name] = typeof value === 'boolean' || typeof value === 'number' ? (value === true ? true : String(value)) : value;
  }
  return out;
}

/**
 * Sets, as DOM properties, the defined values that no attribute can carry: props without an
 * attribute (`propertyOnly`) and objects. `client` defaults to the configured client.
 */
export function properties(element: HTMLElement | undefined, values: Record<string, unknown>, propertyOnly: readonly string[], takesClient: boolean): void {
  if (!element) return;
  const target = element as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || !(propertyOnly.includes(name) || (value !== null && (typeof value === 'object' || typeof value === 'function')))) continue;
    if (target[name] !== value) target[name] = value;
  }
  const client = getClient();
  if (takesClient && values['client'] === undefined && client && target['client'] !== client) target['client'] = client;
}

/** The event names each element has a listener for, and the handlers they call. */
const listening = new WeakMap<Element, Map<string, ((event: never) => void) | undefined>>();

/**
 * Points each event at its current handler. A listener per event name and element, added once
 * and never removed: an element often announces its outcome (`janua-signed-in`) after the status
 * change that made the app remove it, and the app still hears it.
 */
export function listen(element: HTMLElement | undefined, handlers: Record<string, ((event: never) => void) | undefined>): void {
  if (!element) return;
  let current = listening.get(element);
  if (!current) listening.set(element, (current = new Map()));
  for (const [name, handler] of Object.entries(handlers)) {
    if (!current.has(name) && typeof handler === 'function') {
      const map = current;
      element.addEventListener(name, (event) => (map.get(name) as ((e: Event) => void) | undefined)?.(event));
    }
    if (current.has(name) || typeof handler === 'function') current.set(name, handler);
  }
}
