import type { ApiErrorCode } from '../api-types.ts';
import { en, type MessageKey } from './en.ts';

export { en, type MessageKey };
export { enOrg } from './en-org.ts';
export { enAccount } from './en-account.ts';
export type Catalog = { readonly [K in MessageKey]: string };
export type PartialCatalog = { readonly [K in MessageKey]?: string };

type Loader = () => Promise<{ default: PartialCatalog }>;

/** Locales other than English stay out of the main bundle until a page asks for them. */
const loaders = new Map<string, Loader>([['fr', () => import('./fr.ts')]]);
const loaded = new Map<string, Promise<PartialCatalog | null>>();

/** Replaces `{name}` placeholders; an unknown placeholder is left visible rather than blanked. */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole);
}

/** Lowercased language tag and its base language: `fr-CA` → [`fr-ca`, `fr`]. */
export function localeChain(locale: string): string[] {
  const tag = locale.trim().toLowerCase().replace(/_/g, '-');
  const base = tag.split('-')[0] ?? tag;
  return tag === base ? [tag] : [tag, base];
}

/** Lets an app ship its own locale (or replace ours) without touching the kit. */
export function registerCatalog(locale: string, loader: Loader | PartialCatalog): void {
  const key = locale.toLowerCase();
  loaded.delete(key);
  loaders.set(key, typeof loader === 'function' ? loader : async () => ({ default: loader }));
}

/**
 * Resolves the catalog for a locale (exact tag, then base language), loading it on first use.
 * English and unknown locales resolve to null: the built-in English catalog is the fallback.
 */
export function loadCatalog(locale: string): Promise<PartialCatalog | null> {
  const key = localeChain(locale).find((tag) => loaders.has(tag));
  if (!key) return Promise.resolve(null);
  let pending = loaded.get(key);
  if (!pending) {
    pending = loaders.get(key)!().then((m) => m.default, () => null);
    loaded.set(key, pending);
  }
  return pending;
}

/** The catalog key for an API error code; unknown codes get the generic message. Always a core key. */
export function errorKey(code: string | undefined): keyof typeof en {
  const key = `error.${code ?? ''}`;
  return (key in en ? key : 'error.generic') as keyof typeof en;
}

/** Fails to compile when an API error code has no English message. */
type UncoveredCodes = Exclude<`error.${ApiErrorCode}`, MessageKey>;
const everyCodeCovered: [UncoveredCodes] extends [never] ? true : UncoveredCodes = true;
void everyCodeCovered;
