import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { direction, en, format, intlLocale, loadCatalog, localeChain, type MessageKey, type PartialCatalog } from '@janua/core';

export interface LocalizedHost extends ReactiveControllerHost, HTMLElement {
  locale?: string | undefined;
  strings?: PartialCatalog | undefined;
}

/** An element class may carry its family's English strings (see `JanuaElement.messages`). */
const familyOf = (host: LocalizedHost): PartialCatalog | undefined =>
  (host.constructor as { messages?: PartialCatalog }).messages;

/** App-wide overrides from `JanuaElement.setStrings()`, keyed by lowercased locale. */
const overrides = new Map<string, PartialCatalog>();
/** Catalogs loaded so far; `null` means "none beyond English". */
const catalogs = new Map<string, PartialCatalog | null>();
const live = new Set<LocalizeController>();
let langObserver: MutationObserver | undefined;
/** Whether `lang` reads from the Chinese or Japanese catalog. */
export const cjk = (lang: string): boolean => /^(ja|zh)$/.test(localeChain(lang).at(-1)!);

/** An ancestor (across shadow roots, up to `<html>`) that sets a direction. */
function hasDirAbove(el: Element): boolean {
  for (let n = up(el); n; n = up(n)) if (n.getAttribute('dir')) return true;
  return false;
}
const up = (n: Element): Element | null => n.parentElement ?? ((n.getRootNode() as Partial<ShadowRoot>).host ?? null);

/** The `dir` this controller put on its host (an author's own `dir` is never touched). */
const ownDir = new WeakMap<HTMLElement, string>();

function refreshAll(): void {
  for (const controller of live) controller.host.requestUpdate();
}

export function setStrings(locale: string, partial: PartialCatalog): void {
  const key = locale.toLowerCase();
  overrides.set(key, { ...overrides.get(key), ...partial });
  refreshAll();
}

/**
 * Resolves the locale (`locale` attribute, `<html lang>`, `navigator.language`) and looks
 * strings up: the element's `strings`, app overrides, the loaded catalog, then English.
 */
export class LocalizeController implements ReactiveController {
  constructor(readonly host: LocalizedHost) {
    host.addController(this);
  }

  hostConnected(): void {
    live.add(this);
    // One observer for the whole page: a change of <html lang> or <html dir> relocalizes every element.
    if (!langObserver && typeof MutationObserver !== 'undefined') {
      langObserver = new MutationObserver(refreshAll);
      langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'dir'] });
    }
  }

  hostDisconnected(): void {
    live.delete(this);
  }

  hostUpdate(): void {
    const lang = this.lang;
    if (!catalogs.has(lang)) {
      catalogs.set(lang, null);
      void loadCatalog(lang).then((catalog) => {
        catalogs.set(lang, catalog);
        if (catalog) refreshAll();
      });
    }
    this.applyDirection();
  }

  /**
   * Mirrors the host for a right-to-left language. An element with its own `locale` takes that
   * language's direction; otherwise it inherits the page's (`dir` on an ancestor or `<html>`),
   * and only when the page sets none does the page language decide. A `dir` the author put on
   * the element wins over all of these.
   */
  private applyDirection(): void {
    const host = this.host;
    if (typeof document === 'undefined') return;
    const mine = ownDir.get(host);
    const current = host.getAttribute('dir');
    if (current !== null && current !== mine) return;
    const inherited = !this.host.locale && hasDirAbove(host);
    const dir = inherited ? null : direction(this.lang);
    const wanted = dir === 'rtl' || (dir && this.host.locale) ? dir : null;
    if (wanted === current) return;
    if (wanted) {
      host.setAttribute('dir', wanted);
      ownDir.set(host, wanted);
    } else {
      host.removeAttribute('dir');
      ownDir.delete(host);
    }
  }

  /** The effective locale, lowercased. */
  get lang(): string {
    // Also read while rendering on a server, where neither exists.
    const tag = this.host.locale || globalThis.document?.documentElement.lang || globalThis.navigator?.language || 'en';
    return tag.trim().toLowerCase().replace(/_/g, '-');
  }

  t(key: MessageKey, params?: Record<string, string | number>): string {
    return format(this.lookup(key) ?? key, params, this.lang);
  }

  /**
   * What goes between two sentences (or a label and its note): nothing in Chinese and Japanese, as
   * their catalogs write (a `zh-TW` page reads English, with its spaces: no Traditional catalog ships).
   */
  get space(): string {
    return cjk(this.lang) ? '' : ' ';
  }

  /** Sentences side by side, with the language's `space`. */
  join(...parts: string[]): string {
    return parts.filter(Boolean).join(this.space);
  }

  /** A date (and by default a time) in the host's language, through `Intl.DateTimeFormat`. */
  date(value: string | number | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
    return new Intl.DateTimeFormat(intlLocale(this.lang), options).format(new Date(value));
  }

  /** Whether `key` has a string anywhere (for keys built at run time, such as `validation.<type>`). */
  has(key: string): boolean {
    return this.lookup(key as MessageKey) !== undefined;
  }

  private lookup(key: MessageKey): string | undefined {
    let text = this.host.strings?.[key];
    for (const tag of localeChain(this.lang)) text ??= overrides.get(tag)?.[key] ?? catalogs.get(tag)?.[key];
    return text ?? overrides.get('en')?.[key] ?? familyOf(this.host)?.[key] ?? (en as PartialCatalog)[key];
  }
}
