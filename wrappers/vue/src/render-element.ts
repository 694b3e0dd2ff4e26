import {
  camelize, cloneVNode, Comment, defineComponent, getCurrentInstance, h, inject, mergeProps,
  type DefineSetupFnComponent, type EmitsOptions, type SlotsType, type VNode, type VNodeChild,
} from 'vue';
import { readSpec, type ElementSpec, type PackedSpec } from '@janua/ssr';
import { JANUA } from './state.ts';

// Elements on this page hold their light DOM while they carry `data-janua-hold` (see below).
(globalThis as { __januaHold?: number }).__januaHold = 1;

const isAttributeValue = (v: unknown) => v === null || (typeof v !== 'object' && typeof v !== 'function');
/** `janua-signed-in` → the emit `signed-in`. */
const emitName = (event: string) => event.replace(/^janua-/, '');
/**
 * What renders nothing: a comment (a `v-if` that is false), or another of Vue's own vnode types
 * (symbols: text, a fragment such as a `v-for` over nothing or a forwarded `<slot>` with no
 * content) holding nothing but blanks. A slot's content comes from Vue as vnodes.
 */
const isBlank = (node: VNode): boolean =>
  node == null || node.type === Comment || (typeof node.type == 'symbol' && !String(node.children).trim());

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
 * to the element's slots, and the plugin's client when the element takes one. The element is
 * held (`data-janua-hold`) until Vue has it.
 */
export function renderElement(tag: string, spec: ElementSpec, props: Record<string, unknown>, context: ElementContext): () => VNode {
  const instance = getCurrentInstance();
  const janua = inject(JANUA, null);
  // The element leaves its light DOM alone while it carries the hold: hydrating server HTML, Vue
  // would find the element's own children there. Rendered on the server and in the browser alike
  // (so hydration compares equal) and taken off by the ref once Vue has the element (the ref is
  // never called on the server); a re-render leaves it off, as Vue patches only what changed.
  const own: Record<string, unknown> = { 'data-janua-hold': '', ref: (el: Element | null) => el?.removeAttribute('data-janua-hold') };
  for (const event in spec.events) {
    const name = emitName(event);
    // `onJanuaSignedIn` is how Vue spells a listener for the element's `janua-signed-in`.
    own[`onJanua${spec.events[event]}`] = (e: Event) => {
      if (!instance?.isUnmounted) return (context.emit as (event: string, payload: Event) => void)(name, e);
      // Vue drops an unmounted component's emits, but an element often announces its outcome
      // (`janua-signed-in`) after the status change that made the app unmount it: call the
      // listener the parent passed all the same.
      for (const fn of [instance.vnode.props?.[`on${spec.events[event]}`]].flat()) fn?.(e);
    };
  }
  return () => {
    // Merged, not spread: the app's own `@janua-signed-in` is called as well as the re-emit.
    const data: Record<string, unknown> = mergeProps(context.attrs, own);
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
        // Content of a named Vue slot goes to the element's slot of that name; what renders nothing
        // stays out, or it would fill the slot all the same and hide the element's own content.
        if (name === 'default') children.push(node);
        else if (!isBlank(node as VNode)) children.push(typeof (node as VNode).type === 'string' ? cloneVNode(node as VNode, { slot: name }) : h('span', { slot: name }, [node as VNode]));
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
      // `-janua-sign-in` → `JanuaSignIn`.
      name: camelize(`-${tag}`),
      inheritAttrs: false,
      props: Object.keys(spec.props) as (keyof P)[],
      emits: Object.keys(spec.events).map(emitName) as unknown as E,
    },
  ) as DefineSetupFnComponent<P, E, S>;
}
