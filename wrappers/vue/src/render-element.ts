import {
  camelize, cloneVNode, defineComponent, getCurrentInstance, h, inject, isVNode, toHandlerKey,
  type DefineSetupFnComponent, type EmitsOptions, type SlotsType, type VNode, type VNodeChild,
} from 'vue';
import { readSpec, type ElementSpec, type PackedSpec } from '@janua/ssr';
import { JANUA } from './state.ts';

const isAttributeValue = (v: unknown) => v === null || (typeof v !== 'object' && typeof v !== 'function');
/** `janua-signed-in` → the emit `signed-in`. */
const emitName = (event: string) => event.replace(/^janua-/, '');

/** The part of a component's setup context the render function uses. */
export interface ElementContext {
  attrs: Record<string, unknown>;
  slots: Readonly<Record<string, ((...args: never[]) => unknown) | undefined>>;
  emit: (event: never, ...args: never[]) => void;
}

/**
 * The render function of a generated component: renders `<tag>` with primitive props as
 * attributes (the server renders them too), the rest as DOM properties, DOM events re-emitted
 * (synchronously, so `preventDefault()` in a handler still cancels), Vue's named slots mapped
 * to the element's slots, and the plugin's client when the element takes one.
 */
export function renderElement(tag: string, spec: ElementSpec, props: Record<string, unknown>, context: ElementContext): () => VNode {
  const instance = getCurrentInstance();
  const janua = inject(JANUA, null);
  const listeners: Record<string, (event: Event) => void> = {};
  for (const event in spec.events) {
    const name = emitName(event);
    // `onJanuaSignedIn` is how Vue spells a listener for the element's `janua-signed-in`.
    listeners[toHandlerKey(camelize(event))] = (e) => {
      if (!instance?.isUnmounted) return (context.emit as (event: string, payload: Event) => void)(name, e);
      // Vue drops an unmounted component's emits, but an element often announces its outcome
      // (`janua-signed-in`) after the status change that made the app unmount it: call the
      // listener the parent passed all the same.
      const handler = (instance.vnode.props ?? {})[toHandlerKey(camelize(name))];
      for (const fn of [handler].flat()) if (typeof fn === 'function') fn(e);
    };
  }
  return () => {
    const data: Record<string, unknown> = { ...context.attrs, ...listeners };
    for (const key in spec.props) {
      const attribute = spec.props[key];
      const flag = spec.booleans.includes(key);
      // The props are declared by name only, so a bare `<Button disabled>` arrives as '': on.
      const value = flag && props[key] === '' ? true : props[key];
      if (value === undefined) continue;
      if (!attribute || !isAttributeValue(value)) data[`.${key}`] = value;
      else if (!flag) data[attribute] = value ?? undefined;
      else if (value) data[attribute] = '';
    }
    if ('client' in spec.props && props['client'] === undefined && janua?.client) data['.client'] = janua.client;
    const children: VNodeChild[] = [];
    for (const name in context.slots) {
      for (const node of [(context.slots[name] as () => VNodeChild)()].flat()) {
        // Content of a named Vue slot goes to the element's slot of that name.
        if (name === 'default' || node == null) children.push(node);
        else children.push(isVNode(node) && typeof node.type === 'string' ? cloneVNode(node, { slot: name }) : h('span', { slot: name }, [node as VNode]));
      }
    }
    return h(tag, data, children);
  };
}

/**
 * A component for `<tag>` (named `Janua<Name>`), typed by the generator (props, emits, slots)
 * and declared at runtime from the spec alone, so each element costs the bundle little more
 * than its spec.
 */
export function defineElement<P extends Record<string, unknown>, E extends EmitsOptions, S extends SlotsType>(
  tag: string,
  packed: PackedSpec,
): DefineSetupFnComponent<P, E, S> {
  const spec = readSpec(packed);
  return defineComponent<P, E, string, S>(
    (props, context) => renderElement(tag, spec, props, context as unknown as ElementContext),
    {
      name: `Janua${camelize(`-${tag.replace(/^janua-/, '')}`)}`,
      inheritAttrs: false,
      props: Object.keys(spec.props) as (keyof P)[],
      emits: Object.keys(spec.events).map(emitName) as unknown as E,
    },
  ) as DefineSetupFnComponent<P, E, S>;
}
