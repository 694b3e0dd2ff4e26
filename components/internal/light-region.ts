import { render, type ReactiveController, type ReactiveControllerHost, type TemplateResult, nothing } from 'lit';
import { adoptLightStyles } from './styles.ts';
import { lightStyles } from './light.styles.ts';

export interface RegionHost extends ReactiveControllerHost, HTMLElement {}

/** Marks a node as the kit's, so the author's children and ours never get mixed up. */
export const REGION_ATTR = 'data-janua-region';
/**
 * While the host carries it, its light DOM is left as the server rendered it: a framework that
 * hydrates server-rendered HTML (React, Vue) would find the region there, a child it did not
 * render, and throw the page away. The wrappers render it on the server and in the browser alike,
 * and take it off once the framework has the element; the region is attached then. It holds
 * only where such a wrapper has loaded (it sets `globalThis.__januaHold`), and at most until the
 * page's `load` event: server HTML that nothing hydrates shows its forms.
 */
export const HOLD_ATTR = 'data-janua-hold';

/**
 * A kit-owned container in the host's light DOM, rendered from a template on every host update.
 * Credential inputs live here, where password managers and `document.querySelector` reach them;
 * the host's shadow root shows the container through the slot named like the region (`slot`),
 * or the default slot when `slot` is empty.
 *
 * The author's own children stay as they are: the region is one child marked
 * `data-janua-region="<name>"`. A framework that replaces the host's children (`replaceChildren`,
 * a keyed re-render) takes the region out; it is put back at once, with its state (typed values
 * included) intact, because it is the same node.
 */
export class LightRegion implements ReactiveController {
  private node: HTMLElement | undefined;
  private observer: MutationObserver | undefined;

  constructor(
    private readonly host: RegionHost,
    private readonly name: string,
    private readonly template: () => TemplateResult | typeof nothing,
    private readonly slot = '',
  ) {
    host.addController(this);
  }

  /** The container, once the host has connected (never during server rendering). */
  get container(): HTMLElement | undefined {
    return this.node;
  }

  hostConnected(): void {
    adoptLightStyles(this.host, lightStyles);
    if (!this.node) {
      this.node = document.createElement('div');
      this.node.className = `janua-region janua-${this.name}-region`;
      this.node.setAttribute(REGION_ATTR, this.name);
      if (this.slot) this.node.slot = this.slot;
    }
    if (this.host.hasAttribute(HOLD_ATTR)) {
      const release = () => this.host.removeAttribute(HOLD_ATTR);
      // Held only on a page with a wrapper that takes holds off: it says so as it loads
      // (`__januaHold`), in the module graph that defined this element, which has run by the
      // time this microtask does. Server HTML that nothing hydrates has nobody else to release it.
      queueMicrotask(() => (globalThis as { __januaHold?: number }).__januaHold || release());
      // With such a wrapper, markup it does not hydrate (an island without a client directive)
      // lets go at the page's load, by when a framework has as a rule hydrated what loaded with it.
      if (document.readyState !== 'complete') addEventListener('load', release, { once: true });
    }
    this.attach();
    this.observer ??= new MutationObserver(() => this.attach());
    this.observer.observe(this.host, { childList: true, attributeFilter: [HOLD_ATTR] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  hostUpdated(): void {
    if (this.node) render(this.template(), this.node, { host: this.host });
  }

  /** Puts the container back if someone took it out of the host (once the host is not held). */
  private attach(): void {
    if (this.node && this.node.parentNode !== this.host && !this.host.hasAttribute(HOLD_ATTR)) this.host.append(this.node);
  }
}
