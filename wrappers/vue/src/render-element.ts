import { camelize, cloneVNode, getCurrentInstance, h, inject, isVNode, toHandlerKey, type VNode, type VNodeChild } from 'vue';
import { JANUA } from './state.ts';

/** How one element's props and events reach it; written by the generator from the manifest. */
export interface ElementSpec {
  /** Prop → attribute name (primitive values render as that attribute, on the server too), or null: set as a property. */
  props: Readonly<Record<string, string | null>>;
  booleans?: readonly string[];
  /** Emit name (`signed-in`) → DOM event name (`janua-signed-in`). */
  events: Readonly<Record<string, string>>;
}

const isAttributeValue = (v: unknown) => v === null || (typeof v !== 'object' && typeof v !== 'function');
const handlerKey = (event: string) => `on${event.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`;

/** Content of a named Vue slot goes to the element's slot of that name (`slot="…"`). */
function toSlot(node: VNodeChild, name: string): VNodeChild {
  if (isVNode(node) && typeof node.type === 'string') return cloneVNode(node, { slot: name });
  return h('span', { slot: name }, [node as VNode]);
}

/**
 * The render function of a generated component: renders `<tag>` with primitive props as
 * attributes (the server renders them too), the rest as DOM properties, DOM events re-emitted
 * (synchronously, so `preventDefault()` in a handler still cancels), Vue's named slots mapped
 * to the element's slots, and the plugin's client when the element takes one.
 */
/** The part of a component's setup context the render function uses. */
export interface ElementContext {
  attrs: Record<string, unknown>;
  slots: Readonly<Record<string, ((...args: never[]) => unknown) | undefined>>;
  emit: (event: never, ...args: never[]) => void;
}

export function renderElement(tag: string, spec: ElementSpec, props: Record<string, unknown>, context: ElementContext): () => VNode {
  const instance = getCurrentInstance();
  const emit = (name: string, event: Event) => {
    if (!instance?.isUnmounted) return (context.emit as (event: string, payload: Event) => void)(name, event);
    // Vue drops the emits of an unmounted component, but an element often announces its outcome
    // (`janua-signed-in`) after the status change that made the app unmount it: call the
    // listener the parent passed all the same.
    const props = (instance.vnode.props ?? {}) as Record<string, unknown>;
    const handler = props[toHandlerKey(camelize(name))] ?? props[toHandlerKey(name)];
    for (const fn of Array.isArray(handler) ? handler : [handler]) if (typeof fn === 'function') fn(event);
  };
  const janua = inject(JANUA, null);
  const booleans = new Set(spec.booleans ?? []);
  const listeners: Record<string, (event: Event) => void> = {};
  for (const [name, event] of Object.entries(spec.events)) listeners[handlerKey(event)] = (e) => emit(name, e);
  return () => {
    const data: Record<string, unknown> = { ...context.attrs, ...listeners };
    for (const [key, attribute] of Object.entries(spec.props)) {
      const value = props[key];
      if (value === undefined) continue;
      if (attribute && isAttributeValue(value)) {
        if (!booleans.has(key)) data[attribute] = value === null ? undefined : String(value);
        else if (value) data[attribute] = '';
      } else {
        data[`.${key}`] = value;
      }
    }
    if ('client' in spec.props && props['client'] === undefined && janua?.client) data['.client'] = janua.client;
    const children: VNodeChild[] = [];
    for (const [name, slot] of Object.entries(context.slots)) {
      const rendered = (slot as (() => VNodeChild) | undefined)?.();
      const nodes: VNodeChild[] = Array.isArray(rendered) ? rendered : rendered === undefined || rendered === null ? [] : [rendered];
      if (name === 'default') children.push(...nodes);
      else children.push(...nodes.map((node) => toSlot(node, name)));
    }
    return h(tag, data, children);
  };
}
