import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { follow, positionPanel, type PopupPlacement } from './position.ts';

export type { PopupPlacement };

export interface PopupOptions {
  /** The button that opens the panel (it gets `aria-expanded` and takes focus back on close). */
  trigger: () => HTMLElement | null | undefined;
  /** The floating panel: rendered by the host, `hidden` while closed. */
  panel: () => HTMLElement | null | undefined;
  /** Where the panel opens (before flipping); a function is read at each opening. */
  placement?: PopupPlacement | (() => PopupPlacement);
  /** Called after every open or close. */
  onToggle?: (open: boolean) => void;
}

type Host = ReactiveControllerHost & HTMLElement;
/** Whether the browser has the Popover API (read from the element, so importing touches no global). */
const canPopover = (el: HTMLElement): boolean => 'showPopover' in el;

/**
 * The one popup building block every menu and popover of the kit uses. The panel goes to the top
 * layer (a manual `popover`), so no ancestor's `overflow` or `z-index` can clip it, and
 * `position.ts` keeps it next to its trigger: flipped and shifted to stay on screen, following
 * scroll and resize while open. Escape, a click outside and focus leaving close it; Escape and
 * Tab hand focus back to the trigger.
 */
export class PopupController implements ReactiveController {
  open = false;
  private stop: (() => void) | undefined;

  constructor(private readonly host: Host, private readonly options: PopupOptions) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.close(false);
  }

  hostUpdated(): void {
    const trigger = this.options.trigger();
    trigger?.setAttribute('aria-expanded', String(this.open));
    const panel = this.options.panel();
    if (panel && canPopover(panel) && !panel.hasAttribute('popover')) panel.setAttribute('popover', 'manual');
  }

  toggle(): Promise<void> {
    return this.open ? Promise.resolve(this.close()) : this.show();
  }

  /** Opens, positions, and (once positioned) lets the host move focus inside. */
  async show(): Promise<void> {
    if (this.open) return;
    this.open = true;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const panel = this.options.panel();
    const trigger = this.options.trigger();
    if (!panel || !trigger || !this.open) return;
    panel.hidden = false;
    if (canPopover(panel)) panel.showPopover();
    document.addEventListener('pointerdown', this.onOutside, true);
    panel.addEventListener('keydown', this.onKeydown);
    panel.addEventListener('focusout', this.onFocusOut);
    const { placement } = this.options;
    const place = () => void positionPanel(trigger, panel, (typeof placement === 'function' ? placement() : placement) ?? 'bottom-start');
    place();
    this.stop = follow(trigger, panel, place);
    this.options.onToggle?.(true);
  }

  /** Closes; `returnFocus` puts focus back on the trigger (Escape, Tab, a choice made). */
  close(returnFocus = true): void {
    if (!this.open) return;
    this.open = false;
    this.stop?.();
    this.stop = undefined;
    document.removeEventListener('pointerdown', this.onOutside, true);
    const panel = this.options.panel();
    if (panel) {
      panel.removeEventListener('keydown', this.onKeydown);
      panel.removeEventListener('focusout', this.onFocusOut);
      if (canPopover(panel) && panel.matches(':popover-open')) panel.hidePopover();
      panel.hidden = true;
    }
    const trigger = this.options.trigger();
    trigger?.setAttribute('aria-expanded', 'false');
    if (returnFocus) trigger?.focus();
    this.host.requestUpdate();
    this.options.onToggle?.(false);
  }

  private readonly onOutside = (event: PointerEvent): void => {
    const path = event.composedPath();
    const panel = this.options.panel();
    const trigger = this.options.trigger();
    if ((panel && path.includes(panel)) || (trigger && path.includes(trigger))) return;
    this.close(false);
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      this.close(true);
    }
  };

  /** Focus that leaves for somewhere else on the page (not back to the trigger) closes the panel. */
  private readonly onFocusOut = (event: FocusEvent): void => {
    const to = event.relatedTarget as Node | null;
    const panel = this.options.panel();
    if (!to || !panel) return;
    if (panel.contains(to) || to === this.options.trigger()) return;
    this.close(false);
  };
}
