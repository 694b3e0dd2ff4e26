import { upgradingDuring } from './first-render.ts';

/**
 * Registers a tag once. A second copy of the kit on the page (two bundles, two versions) must not
 * crash the page: if the name is taken by another class we warn and keep the first.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) {
    // Elements already on the page upgrade inside define(); their first render waits a task.
    upgradingDuring(() => customElements.define(tag, ctor));
  } else if (existing !== ctor) {
    console.warn(`[janua] <${tag}> is already defined by another class (a second copy of the kit?); keeping the first.`);
  }
}
