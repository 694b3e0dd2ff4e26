import { css } from 'lit';
import { adoptLightStyles } from './styles.ts';

/*
 * Copy, download and print for what a user must keep (backup codes, their data export). All three
 * work under a strict CSP: the clipboard API, a Blob behind an object URL, and a print-only
 * container shown by an adopted print stylesheet (no new window, no inline script or style).
 */

/** Copies text; false when the browser refused (no permission, insecure context, no API). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Saves `text` as a file called `name` through a Blob URL (no server round trip). */
export function downloadText(name: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; the URL would only keep the data in memory.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** While a `.janua-print` sheet sits in the body, printing shows it alone. */
const printStyles = css`
  .janua-print {
    display: none;
  }
  @media print {
    body:has(> .janua-print) > :not(.janua-print) {
      display: none !important;
    }
    .janua-print {
      display: block;
      color: #000;
      font: 12pt / 1.6 ui-monospace, monospace;
    }
  }
`;

/** Removes what `printLines` left in the page (the codes must not outlive their step). */
export function clearPrint(): void {
  for (const node of document.querySelectorAll('body > .janua-print')) node.remove();
}

/**
 * Prints a title and lines, and nothing else of the page. The sheet is gone after printing (or
 * at `clearPrint()`, when a browser returns from `print()` before it has printed).
 */
export function printLines(title: string, lines: readonly string[], from?: Element & { l10n: { lang: string } }): void {
  adoptLightStyles(document.body, printStyles);
  clearPrint();
  const sheet = document.createElement('div');
  sheet.className = 'janua-print';
  // The element's language and direction, not the page's: an Arabic card on an English page
  // prints right to left, and Japanese picks its font by `lang`.
  if (from) {
    sheet.lang = from.l10n.lang;
    sheet.dir = getComputedStyle(from).direction;
  }
  const heading = document.createElement('h1');
  heading.textContent = title;
  const list = document.createElement('ol');
  for (const line of lines) list.append(Object.assign(document.createElement('li'), { textContent: line }));
  sheet.append(heading, list);
  document.body.append(sheet);
  window.addEventListener('afterprint', clearPrint, { once: true });
  window.print();
}
