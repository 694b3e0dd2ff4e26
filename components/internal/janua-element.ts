import { LitElement, type PropertyDeclarations } from 'lit';
import type { MessageKey, PartialCatalog } from '@janua/core';
import { LocalizeController, setStrings } from './localize.ts';
import { styleSettings } from './styles.ts';
import { firstRenderTurn, isUpgrading } from './first-render.ts';

/** The focused element itself, through open shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Base of every Janua element: localization (`locale`, `strings`) and the page-wide settings.
 * Behaviour beyond that is composed from controllers.
 */
export class JanuaElement extends LitElement {
  static override properties: PropertyDeclarations = {
    locale: {},
    strings: { attribute: false },
  };

  /**
   * Puts the kit's light-DOM styles in this cascade layer (e.g. `'janua'`) so plain page CSS can
   * override them. Off by default: unlayered page rules beat every layer, so a layer would let
   * a page's bare `input {}` restyle our fields. Set it before the first element connects.
   */
  static get cssLayer(): string | null {
    return styleSettings.cssLayer;
  }
  static set cssLayer(name: string | null) {
    styleSettings.cssLayer = name;
  }

  /** Overrides strings for one locale across the page, e.g. `setStrings('en', {'signIn.title': 'Log in'})`. */
  static setStrings(locale: string, partial: PartialCatalog): void {
    setStrings(locale, partial);
  }

  /** Language of this element's strings; defaults to `<html lang>`, then the browser's. */
  declare locale: string | undefined;
  /** Replaces any of this element's strings (a partial catalog keyed like the English one). */
  declare strings: PartialCatalog | undefined;

  /**
   * English strings of this element's family that the core catalog does not carry (so a page
   * that shows only sign-in never downloads, say, the organization pages' strings).
   * @internal
   */
  static messages: PartialCatalog = {};

  /** @internal The element's strings. */
  readonly l10n = new LocalizeController(this);

  /** Custom states (`:state(pending)`) where the browser has them; harmless elsewhere. */
  protected readonly internals: ElementInternals | undefined;

  constructor() {
    super();
    this.locale = undefined;
    this.strings = undefined;
    this.internals = this.attachInternals?.();
  }

  /** Upgraded by its tag's definition (it was on the page before the kit loaded). */
  readonly #upgraded = isUpgrading();

  /**
   * An element that was on the page before its definition renders first in a later task (see
   * first-render.ts), so that loading the kit and rendering what it upgraded are not one long
   * task. Every other update, and every element created later, renders as Lit schedules it.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.hasUpdated || !this.#upgraded) return super.scheduleUpdate();
    return firstRenderTurn(() => super.scheduleUpdate());
  }

  protected t(key: MessageKey, params?: Record<string, string | number>): string {
    return this.l10n.t(key, params);
  }

  /** @internal Sets or clears a custom state (`:state(name)`). */
  setState(name: string, on: boolean): void {
    const states = this.internals?.states;
    if (!states) return;
    try {
      if (on) states.add(name);
      else states.delete(name);
    } catch {
      // Older engines accept only `--name` identifiers; the state is a progressive extra.
    }
  }
}
