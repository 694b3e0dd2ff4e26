/*
 * Where a popup's panel goes, written for the kit's menus (a panel in the top layer, or
 * `position: fixed` where the Popover API is missing): next to its trigger on the side asked for,
 * or on the other side when only that one has room; on the trigger's start or end edge in the
 * writing direction; slid along that edge to stay inside the viewport. `placePanel` is the
 * arithmetic alone (no DOM), `positionPanel` measures and writes, `follow` re-runs it while the
 * panel is open.
 */

export type PopupPlacement = 'bottom-start' | 'bottom-end' | 'top-start' | 'top-end';

/** A box in viewport pixels (a `DOMRect` is one). */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Placed {
  x: number;
  y: number;
  side: 'top' | 'bottom';
  /** The room on that side: the panel's height is held to it, so it scrolls inside itself instead of leaving the screen. */
  room: number;
}

/** Distance between trigger and panel. */
export const GAP = 6;
/** Room kept between the panel and the viewport's edges. */
export const MARGIN = 8;
/** The tallest a panel grows, in rem, before it scrolls (the popup styles cap it at that, and at the viewport). */
export const PANEL_MAX_REM = 24;

/**
 * The panel's top-left corner, in viewport pixels, and the room it has there. The side flips when
 * the panel does not fit on the side asked for and the other side has more room (when neither
 * fits, the roomier one wins, and the panel, held to that room, scrolls inside itself). Only the
 * alignment axis is clamped to the viewport, so the panel never covers its trigger.
 */
export function placePanel(
  trigger: Box, panel: Pick<Box, 'width' | 'height'>, placement: PopupPlacement,
  viewport: Pick<Box, 'width' | 'height'>, rtl = false,
): Placed {
  const [wanted, align] = placement.split('-') as ['top' | 'bottom', 'start' | 'end'];
  const room = {
    bottom: viewport.height - MARGIN - (trigger.top + trigger.height + GAP),
    top: trigger.top - GAP - MARGIN,
  };
  const other = wanted === 'bottom' ? 'top' : 'bottom';
  const side = room[wanted] >= panel.height || room[wanted] >= room[other] ? wanted : other;
  const height = Math.min(panel.height, Math.max(room[side], 0));
  const y = side === 'bottom' ? trigger.top + trigger.height + GAP : trigger.top - GAP - height;
  // The start edge is the left one in a left-to-right page, the right one in a right-to-left page.
  const leftEdges = (align === 'start') !== rtl;
  const x = leftEdges ? trigger.left : trigger.left + trigger.width - panel.width;
  const maxX = viewport.width - MARGIN - panel.width;
  return { x: Math.max(MARGIN, Math.min(x, maxX)), y, side, room: Math.max(room[side], 0) };
}

/**
 * Measures trigger, panel and viewport, and moves the panel where `placePanel` says, its height
 * held to the room there (`--_popup-room`, read by the popup styles). The panel must not be
 * squeezed by the edge it sits next to (the popup styles give it `max-content`). Writes only what
 * changed: a scroll that moves nothing touches no style.
 */
export function positionPanel(trigger: Element, panel: HTMLElement, placement: PopupPlacement): Placed {
  const style = panel.style;
  // CSSOM writes, not a style attribute: a strict CSP allows them.
  // Not placed yet (or `auto`): from `0` the panel's box tells where that `0` is.
  if (Number.isNaN(parseFloat(style.left) + parseFloat(style.top))) style.left = style.top = '0';
  const box = panel.getBoundingClientRect();
  const root = document.documentElement;
  const viewport = { width: root.clientWidth, height: root.clientHeight };
  // The height the panel would take with the room it has now set aside: its content (which a
  // held height does not change), capped as the popup styles cap it.
  const rem = parseFloat(getComputedStyle(root).fontSize) || 16;
  const natural = Math.min(panel.scrollHeight + box.height - panel.clientHeight, PANEL_MAX_REM * rem, viewport.height - 2 * MARGIN);
  const placed = placePanel(trigger.getBoundingClientRect(), { width: box.width, height: natural }, placement,
    viewport, getComputedStyle(panel).direction === 'rtl');
  const room = `${Math.floor(placed.room)}px`;
  if (style.getPropertyValue('--_popup-room') !== room) style.setProperty('--_popup-room', room);
  // Where the panel's `left: 0; top: 0` is: the viewport's corner in the top layer, a
  // transformed ancestor's box otherwise.
  const move = (prop: 'left' | 'top', to: number, at: number) => {
    const now = parseFloat(style[prop]);
    const next = to - (at - now);
    if (Math.abs(next - now) > 0.01) style[prop] = `${next}px`;
  };
  move('left', placed.x, box.left);
  move('top', placed.y, box.top);
  return placed;
}

/**
 * Calls `update` whenever the trigger may have moved or either box changed size: scrolling
 * anywhere but inside the panel (in the page and in every shadow root the trigger sits in, since
 * a scroll event does not leave its shadow root), the window resizing, trigger or panel resizing.
 * Returns the function that stops it.
 */
export function follow(trigger: Element, panel: Element, update: () => void): () => void {
  const scrollers: EventTarget[] = [window];
  for (let root = trigger.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) scrollers.push(root);
  const options = { capture: true, passive: true };
  // The panel's own scrolling (arrow keys walking a long menu) moves neither box.
  const onScroll = (event: Event) => {
    if (!panel.contains(event.target as Node)) update();
  };
  for (const target of scrollers) target.addEventListener('scroll', onScroll, options);
  window.addEventListener('resize', update, options);
  const sizes = new ResizeObserver(() => update());
  sizes.observe(trigger);
  sizes.observe(panel);
  return () => {
    for (const target of scrollers) target.removeEventListener('scroll', onScroll, options);
    window.removeEventListener('resize', update, options);
    sizes.disconnect();
  };
}
