import type { ApiErrorCode } from '../api-types.ts';
import { en, type MessageKey } from './en.ts';

export { en, type MessageKey };
export { enOrg } from './en-org.ts';
export { enAccount } from './en-account.ts';
export type Catalog = { readonly [K in MessageKey]: string };
export type PartialCatalog = { readonly [K in MessageKey]?: string };
/** A translation of one English catalog, every key present: `const esOrg: CatalogOf<typeof enOrg>`. */
export type CatalogOf<T> = { readonly [K in keyof T]: string };

type Loader = () => Promise<{ default: PartialCatalog }>;

/**
 * The locales the kit ships. English is built in; every other one is its own module, loaded on
 * first use, so a page downloads only the language it shows.
 */
export const locales = ['en', 'fr', 'es', 'pt-BR', 'de', 'it', 'ja', 'zh-CN', 'ar', 'he'] as const;

/** Locales other than English stay out of the main bundle until a page asks for them. */
const loaders = new Map<string, Loader>([
  ['fr', () => import('./fr.ts')],
  ['es', () => import('./es.ts')],
  ['pt', () => import('./pt-BR.ts')],
  ['de', () => import('./de.ts')],
  ['it', () => import('./it.ts')],
  ['ja', () => import('./ja.ts')],
  ['zh', () => import('./zh-CN.ts')],
  ['ar', () => import('./ar.ts')],
  ['he', () => import('./he.ts')],
  ['iw', () => import('./he.ts')],
]);
const loaded = new Map<string, Promise<PartialCatalog | null>>();

type Params = Record<string, string | number>;

/** A tag `Intl` accepts: `pt_BR` → `pt-BR`; one it rejects (a typo in a `locale` attribute) → `en`. */
export function intlLocale(locale: string | undefined): string {
  let tag: string;
  try {
    tag = Intl.getCanonicalLocales(locale?.replace(/_/g, '-') || 'en')[0] ?? 'en';
  } catch {
    return 'en';
  }
  // The Arabic catalog writes its numbers in Latin digits ("6 أرقام"), as plain `ar` does; a
  // region's default (ar-SA, ar-EG: ١٥) would mix both in one form. A page that names its digits keeps them.
  const parsed = new Intl.Locale(tag);
  return parsed.language === 'ar' && !parsed.numberingSystem ? new Intl.Locale(tag, { numberingSystem: 'latn' }).toString() : tag;
}

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const cached = <T>(cache: Map<string, T>, locale: string, make: (tag: string) => T): T => {
  let value = cache.get(locale);
  if (!value) cache.set(locale, (value = make(intlLocale(locale))));
  return value;
};
const formatNumber = (n: number, locale?: string): string =>
  locale ? cached(numberFormats, locale, (tag) => new Intl.NumberFormat(tag)).format(n) : String(n);

/** Splits at top-level braces: even items are text, odd items what a `{…}` holds. */
function split(text: string): string[] {
  const out = [''];
  let depth = 0;
  for (const c of text) {
    if (c === '{' && !depth++) out.push('');
    else if (c === '}' && depth && !--depth) out.push('');
    else out[out.length - 1] += c;
  }
  // An unclosed brace is text.
  if (depth) out.push(`${out.splice(-2).join('{')}`);
  return out;
}

/** `name`, or `name, plural|select, branches`. */
const ARGUMENT = /^\s*(\w+)\s*(?:,\s*(plural|select)\s*,([\s\S]*))?$/;

/** The branch of `{n, plural, …}` / `{v, select, …}` that applies: `=n`, then the plural category or value, then `other`. */
function choose(kind: string, body: string, value: string | number, locale = 'en'): string | undefined {
  const parts = split(body);
  const branches = new Map<string, string>();
  for (let i = 1; i < parts.length; i += 2) branches.set(parts[i - 1]!.trim(), parts[i]!);
  if (kind === 'select') return branches.get(String(value)) ?? branches.get('other');
  const n = Number(value);
  const category = cached(pluralRules, locale, (tag) => new Intl.PluralRules(tag)).select(n);
  return (branches.get(`=${n}`) ?? branches.get(category) ?? branches.get('other'))?.replace(/#/g, formatNumber(n, locale));
}

/**
 * Fills a catalog string: `{name}` placeholders (numbers written the locale's way), and plurals
 * and choices in the ICU MessageFormat shape, `{count, plural, =0 {none} one {# code} other {# codes}}`
 * (categories from `Intl.PluralRules` of `locale`, `#` is the number) and
 * `{role, select, owner {…} other {…}}`. An unknown placeholder is left visible rather than blanked.
 */
export function format(template: string, params?: Params, locale?: string): string {
  if (!params) return template;
  return split(template).map((part, i) => {
    if (!(i % 2)) return part;
    const [, name = '', kind, body] = ARGUMENT.exec(part) ?? [];
    if (!Object.prototype.hasOwnProperty.call(params, name)) return `{${part}}`;
    const value = params[name]!;
    const branch = kind ? choose(kind, body!, value, locale) : undefined;
    return branch !== undefined ? format(branch, params, locale)
      : typeof value === 'number' ? formatNumber(value, locale)
        // In a right-to-left sentence a value (an address, a name) is isolated (FSI…PDI), or its
        // own letters and punctuation reorder with the sentence's: "-inv@example.test" split apart.
        : locale && direction(locale) === 'rtl' ? `\u2068${value}\u2069` : String(value);
  }).join('');
}

/** The placeholder names a catalog string uses, plural and select ones included (for catalog checks). */
export function placeholders(template: string, names = new Set<string>()): string[] {
  split(template).forEach((part, i) => {
    const [, name, , body] = (i % 2 && ARGUMENT.exec(part)) || [];
    if (name) names.add(name);
    // The branches of a plural or select may use other placeholders.
    if (body) split(body).forEach((branch, j) => j % 2 && placeholders(branch, names));
  });
  return [...names].sort();
}

/** Languages written right to left (by base language). */
const RTL = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/** The writing direction of a locale: `rtl` for Arabic, Hebrew, Persian, Urdu…, else `ltr`. */
export function direction(locale: string): 'ltr' | 'rtl' {
  return RTL.has(localeChain(locale).at(-1)!) ? 'rtl' : 'ltr';
}

/**
 * Lowercased language tag and its base language: `fr-CA` → [`fr-ca`, `fr`]. Traditional Chinese
 * (`zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant-…`) has `zh-hant` for base: the `zh` catalog is Simplified.
 */
export function localeChain(locale: string): string[] {
  const tag = locale.trim().toLowerCase().replace(/_/g, '-');
  const base = /^zh-(hant|tw|hk|mo)\b/.test(tag) ? 'zh-hant' : tag.split('-')[0] ?? tag;
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
