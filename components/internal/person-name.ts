import { cjk } from './localize.ts';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * A person's name in its own order, whatever the page's language: 山田太郎 (family name first, no
 * space) for a name written in Chinese, Japanese or Korean script alone, else Ada Lovelace (and
 * Taro 山田, whose Latin half says the writer chose the Western order).
 */
export function personName(first: string | null | undefined, last: string | null | undefined): string {
  const whole = `${first ?? ''}${last ?? ''}`;
  return CJK.test(whole) && !/\p{Script=Latin}/u.test(whole) ? `${last ?? ''}${first ?? ''}` : [first, last].filter(Boolean).join(' ');
}

/** The given-name and family-name fields, in the order the host's catalog asks for them (family first in ja, zh). */
export function nameOrder<T>(host: { l10n: { lang: string } }, given: T, family: T): T[] {
  return cjk(host.l10n.lang) ? [family, given] : [given, family];
}
