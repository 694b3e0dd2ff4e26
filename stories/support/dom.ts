/*
 * Testing Library's queries stop at shadow roots, and the kit keeps its chrome (alerts, headings,
 * links) in shadow DOM while credential inputs stay in the light DOM. These helpers look through
 * open shadow roots so play functions can assert what a user actually sees.
 */

/** Every element matching `selector` under `root`, inside open shadow roots too. */
export function queryAllDeep<E extends Element = HTMLElement>(root: ParentNode, selector: string): E[] {
  const found: E[] = [];
  const visit = (node: ParentNode): void => {
    found.push(...node.querySelectorAll<E>(selector));
    for (const el of node.querySelectorAll('*')) {
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(root);
  return found;
}

/** The first match; throws with the selector when nothing matches, so a play step fails clearly. */
export function queryDeep<E extends Element = HTMLElement>(root: ParentNode, selector: string): E {
  const [first] = queryAllDeep<E>(root, selector);
  if (!first) throw new Error(`nothing matches ${selector}`);
  return first;
}

/** The text an element renders, whether into its shadow root or its light DOM. */
export function renderedText(el: Element | null): string {
  return (el?.shadowRoot ?? el)?.textContent?.trim() ?? '';
}

/** Text a user would read in `root`, shadow roots and slotted content included. */
export function visibleText(root: ParentNode): string {
  return queryAllDeep(root, '[role="alert"], [role="status"], .janua-field-error, [part~="error"]')
    .map((el) => (el as HTMLElement).innerText ?? el.textContent ?? '')
    .join(' ');
}

/** The element that has focus, through open shadow roots (`document.activeElement` stops at the first host). */
export function focusedDeep(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
