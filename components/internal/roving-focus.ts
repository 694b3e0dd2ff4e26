/** Typed characters within this many ms of each other build one type-ahead search. */
const TYPEAHEAD_MS = 700;

/**
 * The keyboard model of a list of focusable items (a menu, a listbox, a tab list): arrows move
 * (wrapping), Home and End jump, printable characters jump to the next item whose text starts
 * with what was typed. Items keep `tabindex="-1"`; focus moves with `focus()`.
 */
export class RovingFocus {
  private typed = '';
  private typedAt = -Infinity;

  /**
   * @param items the items in order, enabled ones only
   * @param orientation which arrows move: `vertical` (menus, lists) or `horizontal` (tab lists)
   * @param label the text type-ahead matches for an item (default: its text content); items that
   *   show more than their name (initials, a role) pass the name
   */
  constructor(
    private readonly items: () => HTMLElement[],
    private readonly orientation: 'vertical' | 'horizontal' = 'vertical',
    private readonly label: (item: HTMLElement) => string = (item) => item.textContent ?? '',
  ) {}

  /** Focuses an item: `first`, `last`, an index, or the item itself. */
  focus(which: 'first' | 'last' | number | HTMLElement): HTMLElement | undefined {
    const items = this.items();
    const item = typeof which === 'object' ? which
      : which === 'first' ? items[0] : which === 'last' ? items.at(-1) : items[which];
    item?.focus();
    return item;
  }

  /** Handles a keydown; returns true (and prevents the default) when it moved focus. */
  handle(event: KeyboardEvent): boolean {
    const items = this.items();
    if (!items.length || event.altKey || event.ctrlKey || event.metaKey) return false;
    const current = items.findIndex((item) => item === focusedIn(item));
    const rtl = getComputedStyle(items[0]!).direction === 'rtl';
    const [prev, next] = this.orientation === 'vertical' ? ['ArrowUp', 'ArrowDown']
      : rtl ? ['ArrowRight', 'ArrowLeft'] : ['ArrowLeft', 'ArrowRight'];
    let target: number | undefined;
    if (event.key === next) target = (current + 1) % items.length;
    else if (event.key === prev) target = (current - 1 + items.length) % items.length;
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = items.length - 1;
    if (target !== undefined) this.typed = '';
    else if (event.key.length === 1 && event.key !== ' ') target = this.typeahead(items, current, event);
    if (target === undefined || target < 0) return false;
    event.preventDefault();
    items[target]!.focus();
    return true;
  }

  private typeahead(items: HTMLElement[], current: number, event: KeyboardEvent): number | undefined {
    // Arrows, Home and End end a search; so does a pause.
    this.typed = !this.typed || event.timeStamp - this.typedAt > TYPEAHEAD_MS ? event.key : this.typed + event.key;
    this.typedAt = event.timeStamp;
    const query = this.typed.toLocaleLowerCase();
    // A fresh single character starts after the current item, so repeating it cycles through matches.
    const start = this.typed.length === 1 ? current + 1 : Math.max(current, 0);
    for (let i = 0; i < items.length; i++) {
      const index = (start + i) % items.length;
      if (this.label(items[index]!).trim().toLocaleLowerCase().startsWith(query)) return index;
    }
    return undefined;
  }
}

/** The element that has focus in `el`'s tree (through its shadow root), or null. */
function focusedIn(el: HTMLElement): Element | null {
  const root = el.getRootNode() as Document | ShadowRoot;
  return root.activeElement;
}
