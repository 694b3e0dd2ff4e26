import { css, html, type TemplateResult } from 'lit';
import { RovingFocus } from './roving-focus.ts';
import { color, focusRingInset, spaceM, spaceS, spaceXs } from './tokens.ts';

export interface Tab<T extends string> {
  id: T;
  label: string;
}

export interface TabsState<T extends string> {
  /** The tab list's accessible name. */
  label: string;
  /** An id prefix unique in the root: tabs are `<base>-tab-<id>`, the panel `<base>-panel`. */
  base: string;
  tabs: readonly Tab<T>[];
  selected: T;
}

/**
 * A tab list with the semantics of the ARIA tabs pattern: `tablist` / `tab` / `tabpanel`,
 * `aria-selected`, `aria-controls` and `aria-labelledby`, one tab in the Tab order (the selected
 * one), Left/Right (mirrored in RTL), Home and End moving between tabs, and selection following
 * focus (automatic activation: each panel shows what it has at once and loads the rest).
 * The host renders `list()` and `panel()` in one shadow root and keeps `selected`.
 */
export class Tabs<T extends string> {
  private readonly nav: RovingFocus;

  /**
   * @param root where the tabs are rendered (the host's shadow root)
   * @param select called with the tab to select (a click, or the keyboard moving to it)
   */
  constructor(private readonly root: () => ParentNode | null | undefined, private readonly select: (id: T) => void) {
    this.nav = new RovingFocus(() => [...(this.root()?.querySelectorAll<HTMLElement>('[role="tab"]') ?? [])], 'horizontal');
  }

  list(o: TabsState<T>): TemplateResult {
    return html`<div class="tabs" part="tabs" role="tablist" aria-label=${o.label} @keydown=${this.onKeydown}>${o.tabs.map((tab) => {
      const on = tab.id === o.selected;
      return html`<button type="button" class="tab" part="tab" role="tab" id="${o.base}-tab-${tab.id}" data-tab=${tab.id}
        aria-selected=${on} aria-controls="${o.base}-panel" tabindex=${on ? 0 : -1}
        @click=${() => this.select(tab.id)}>${tab.label}</button>`;
    })}</div>`;
  }

  panel(o: TabsState<T>, content: unknown): TemplateResult {
    return html`<div class="tab-panel" part="tab-panel" role="tabpanel" id="${o.base}-panel"
      aria-labelledby="${o.base}-tab-${o.selected}">${content}</div>`;
  }

  /** Focuses the selected tab. */
  focus(): void {
    this.root()?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (!this.nav.handle(event)) return;
    const focused = ((event.target as Element).getRootNode() as ShadowRoot | Document).activeElement as HTMLElement | null;
    const id = focused?.dataset['tab'];
    if (id) this.select(id as T);
  };
}

/** The tab list's look (shadow DOM): an underlined row of tabs; knob `--janua-tabs-gap`. */
export const tabsStyles = css`
  /* The tabs wrap onto a second row in a narrow card (320 px, 400 % zoom) instead of scrolling sideways. */
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: var(--janua-tabs-gap, ${spaceXs});
    border-block-end: 1px solid ${color.borderSubtle};
  }
  .tab {
    flex: none;
    margin: 0;
    margin-block-end: -1px;
    padding-block: ${spaceS};
    padding-inline: ${spaceM};
    font: inherit;
    font-weight: 600;
    color: ${color.muted};
    background: none;
    border: 0;
    border-block-end: 2px solid transparent;
    cursor: pointer;
  }
  .tab[aria-selected='true'] {
    color: ${color.text};
    border-block-end-color: ${color.primary};
  }
  .tab:focus-visible {
    ${focusRingInset}
  }
  /*
   * Forced colours paint a transparent border in CanvasText, close to Highlight: the unselected
   * tabs' underline takes the canvas colour and sits above the list's line instead of over it,
   * and the selected one still covers the line, a pixel thicker than the others' (so every label
   * stays in line).
   */
  @media (forced-colors: active) {
    .tab {
      margin-block-end: 0;
      border-block-end-color: Canvas;
    }
    .tab[aria-selected='true'] {
      margin-block-end: -1px;
      border-block-end: 3px solid Highlight;
    }
  }
`;
