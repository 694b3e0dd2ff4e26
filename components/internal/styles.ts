import { css, type CSSResult } from 'lit';

/** Where light-DOM sheets have gone already: once per root (document or shadow root). */
const adopted = new WeakMap<Document | ShadowRoot, Set<string>>();
const layered = new Map<string, CSSStyleSheet>();
const LAYER_NAME = /^[a-z_-][\w-]*(\.[a-z_-][\w-]*)*$/i;

/** Opt-in cascade layer for light-DOM styles; read when a root first receives them. */
export const styleSettings: { cssLayer: string | null } = { cssLayer: null };

function sheetFor(result: CSSResult, layer: string | null): CSSStyleSheet {
  if (!layer) return result.styleSheet!;
  const key = `${layer}\n${result.cssText}`;
  let sheet = layered.get(key);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`@layer ${layer}{${result.cssText}}`);
    layered.set(key, sheet);
  }
  return sheet;
}

/**
 * Adopts a sheet for light-DOM content into the host's root node, once per root. Adopted sheets
 * need no `<style>` element, so a strict CSP (`style-src 'self'`) allows them.
 */
export function adoptLightStyles(host: Element, ...results: CSSResult[]): void {
  const root = host.getRootNode();
  if (!(root instanceof Document || root instanceof ShadowRoot)) return;
  let done = adopted.get(root);
  if (!done) adopted.set(root, (done = new Set()));
  const layer = styleSettings.cssLayer && LAYER_NAME.test(styleSettings.cssLayer) ? styleSettings.cssLayer : null;
  const fresh: CSSStyleSheet[] = [];
  for (const result of results) {
    if (done.has(result.cssText)) continue;
    done.add(result.cssText);
    fresh.push(sheetFor(result, layer));
  }
  if (fresh.length) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...fresh];
}

/** Shared shadow-root basics: hidden means hidden, and motion respects the user's setting. */
export const hostBase = css`
  :host([hidden]) {
    display: none !important;
  }
  /* A pending spinner keeps turning, slowly (its own rule): frozen it would not say "busy". */
  @media (prefers-reduced-motion: reduce) {
    *:not(.janua-spinner),
    ::slotted(*) {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }
`;
