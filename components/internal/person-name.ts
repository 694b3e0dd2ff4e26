const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * A person's name in its own order, whatever the page's language: 山田太郎 (family name first, no
 * space) for a name written in Chinese, Japanese or Korean script, else Ada Lovelace.
 */
export function personName(first: string | null | undefined, last: string | null | undefined): string {
  return CJK.test(`${first ?? ''}${last ?? ''}`) ? `${last ?? ''}${first ?? ''}` : [first, last].filter(Boolean).join(' ');
}

/** The given-name and family-name fields, in the order the host's language asks for them. */
export function nameOrder<T>(host: { l10n: { familyFirst: boolean } }, given: T, family: T): T[] {
  return host.l10n.familyFirst ? [family, given] : [given, family];
}
