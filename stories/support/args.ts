import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import { getCustomElements } from '@storybook/web-components-vite';

/*
 * Storybook builds each story's controls from custom-elements.json: one per attribute, property
 * and event the element's JSDoc declares. `manifestArgs(args)` applies them to the element the
 * way the manifest says: attributes as attributes, properties as properties, events as
 * listeners (which feed Storybook's Actions panel). So every control the manifest offers works,
 * and a control that does nothing would mean the JSDoc is wrong.
 */

interface Declaration {
  tagName?: string;
  attributes?: { name: string; fieldName?: string; type?: { text?: string } }[];
  members?: { kind: string; name: string; static?: boolean }[];
  events?: { name: string }[];
}

interface ElementApi {
  attributes: Set<string>;
  booleans: Set<string>;
  properties: Set<string>;
  events: Map<string, string>;
}

const apis = new Map<string, ElementApi>();

/** `janua-signed-in` → `onJanuaSignedIn`, the arg name Storybook gives an event. */
function eventArgName(event: string): string {
  const camel = event.replace(/[-_:.\s]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));
  return `on${camel.charAt(0).toUpperCase()}${camel.slice(1)}`;
}

function apiOf(tag: string): ElementApi {
  let api = apis.get(tag);
  if (api) return api;
  api = { attributes: new Set(), booleans: new Set(), properties: new Set(), events: new Map() };
  // The manifest .storybook/preview.ts registered (generated from the JSDoc at startup).
  const manifest = getCustomElements() as { modules?: { declarations?: Declaration[] }[] } | undefined;
  for (const mod of manifest?.modules ?? []) {
    for (const d of mod.declarations ?? []) {
      if (d.tagName !== tag) continue;
      for (const a of d.attributes ?? []) {
        api.attributes.add(a.name);
        if (a.type?.text === 'boolean') api.booleans.add(a.name);
      }
      for (const m of d.members ?? []) if (m.kind === 'field' && !m.static) api.properties.add(m.name);
      for (const e of d.events ?? []) api.events.set(eventArgName(e.name), e.name);
    }
  }
  apis.set(tag, api);
  return api;
}

class ManifestArgs extends Directive {
  private listeners = new Map<string, EventListener>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('manifestArgs() goes on an element: <janua-x ${manifestArgs(args)}>');
  }

  render(_args: Record<string, unknown>) {
    return nothing;
  }

  override update(part: ElementPart, [args]: [Record<string, unknown>]) {
    const el = part.element as HTMLElement & Record<string, unknown>;
    const api = apiOf(el.localName);
    for (const [key, value] of Object.entries(args)) {
      if (api.attributes.has(key)) {
        if (value === undefined || value === null || value === false || (value === '' && !api.booleans.has(key))) {
          el.removeAttribute(key);
        } else {
          el.setAttribute(key, value === true ? '' : String(value));
        }
      } else if (api.events.has(key) && typeof value === 'function') {
        this.listen(el, api.events.get(key)!, value as EventListener);
      } else if (api.properties.has(key) && value !== undefined) {
        el[key] = value;
      }
    }
    return nothing;
  }

  private listen(el: HTMLElement, event: string, listener: EventListener): void {
    const previous = this.listeners.get(event);
    if (previous === listener) return;
    if (previous) el.removeEventListener(event, previous);
    el.addEventListener(event, listener);
    this.listeners.set(event, listener);
  }
}

/** Applies Storybook args to an element as its manifest declares them. */
export const manifestArgs = directive(ManifestArgs);
