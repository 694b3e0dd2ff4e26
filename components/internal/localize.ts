import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, format, loadCatalog, localeChain, type MessageKey, type PartialCatalog } from '@janua/core';

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
    // One observer for the whole page: a change of <html lang> relocalizes every element.
    if (!langObserver && typeof MutationObserver !== 'undefined') {
      langObserver = new MutationObserver(refreshAll);
      langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
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
  }

  /** The effective locale, lowercased. */
  get lang(): string {
    // Also read while rendering on a server, where neither exists.
    const tag = this.host.locale || globalThis.document?.documentElement.lang || globalThis.navigator?.language || 'en';
    return tag.toLowerCase();
  }

  t(key: MessageKey, params?: Record<string, string | number>): string {
    return format(this.lookup(key) ?? key, params);
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
