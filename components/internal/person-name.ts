const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * A person's name in its own order, whatever the page's language: 山田太郎 (family name first, no
 * space) for a name written in Chinese, Japanese or Korean script, else Ada Lovelace.
 */
export function personName(first: string | null | undefined, last: string | null | undefined): string {
  return CJK.test(`${first ?? ''}${last ?? ''}`) ? `${last ?? ''}${first ?? ''}` : [first, last].filter(Boolean).join(' ');
}

/** The given-name and family-name fields, in the order the host's language asks for them (family first in ja, zh, ko). */
export function nameOrder<T>(host: { l10n: { lang: string } }, given: T, family: T): T[] {
  return /^(ja|zh|ko)\b/.test(host.l10n.lang) ? [family, given] : [given, family];
}
