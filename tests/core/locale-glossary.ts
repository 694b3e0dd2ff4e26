import { format, placeholders } from '../../packages/core/src/index.ts';

/*
 * What docs/locales.md settles for each shipped locale, in a form a test can check: the word
 * each key term takes, the register, the locale's punctuation, and the few strings that are
 * rightly the same as English. Each check returns the problems it finds, so a test can show
 * both that the catalogs are clean and that a planted fault is caught.
 */

type Catalog = Record<string, string>;
/** The settled word (as docs/locales.md writes it) and, where its forms vary, what counts as it. */
type Word = string | [word: string, forms: RegExp];

export interface Term {
  term: string;
  /** Which English strings use the term. */
  en: RegExp;
  words: Record<string, Word>;
}

export const glossary: Term[] = [
  {
    term: 'passkey',
    en: /passkey/i,
    words: {
      fr: ['clé d’accès', /clés? d’accès/i], es: ['llave de acceso', /llaves? de acceso/i],
      'pt-BR': ['chave de acesso', /chaves? de acesso/i], de: 'Passkey', it: 'passkey', ja: 'パスキー', 'zh-CN': '通行密钥',
      ar: ['مفتاح المرور', /(مفتاح|مفاتيح) (ال)?مرور/], he: ['מפתח גישה', /(מפתח|מפתחות) (ה)?גישה/],
    },
  },
  {
    term: 'sign in',
    en: /\bsign(s|ing|ed)?( you)?[ -]in\b/i,
    words: {
      fr: ['se connecter, connexion', /connect|connexion/i], es: ['iniciar sesión', /inici\p{L}* (de |tu )?sesión|sesión iniciada/iu],
      'pt-BR': ['entrar, login', /(?<!\p{L})entr|login/iu], de: ['anmelden, Anmeldung', /anmeld|angemeldet|(?<!\p{L})meld\p{L}* (Sie|sich)(?!\p{L})/iu],
      it: ['accedere, accesso', /acced|accesso/i], ja: 'ログイン', 'zh-CN': '登录', ar: ['تسجيل الدخول', /دخول/],
      he: ['התחברות', /תחבר|מחובר/],
    },
  },
  {
    term: 'sign out',
    en: /\bsign(s|ing|ed)?( you)?[ -]out\b/i,
    words: {
      fr: ['se déconnecter', /déconn/i], es: ['cerrar sesión', /ci?err\p{L}* (la )?sesión/iu], 'pt-BR': ['sair', /(?<!\p{L})sa(ir|ia|indo|iu)(?!\p{L})/iu],
      de: ['abmelden', /abmeld|abgemeldet|melden Sie sich ab/i], it: ['uscire', /(?<!\p{L})esc[io](?!\p{L})|uscit/iu], ja: 'ログアウト',
      'zh-CN': '退出', ar: ['تسجيل الخروج', /خروج/], he: ['התנתקות', /תנתק|נותק/],
    },
  },
  {
    term: 'two-step verification',
    en: /two-step verification/i,
    words: {
      fr: 'vérification en deux étapes', es: 'verificación en dos pasos', 'pt-BR': 'verificação em duas etapas',
      de: 'Bestätigung in zwei Schritten', it: 'verifica in due passaggi', ja: '2段階認証', 'zh-CN': '两步验证',
      ar: 'التحقق بخطوتين', he: ['אימות דו-שלבי', /אימות (ה)?דו-שלבי/],
    },
  },
  {
    term: 'backup code',
    en: /backup code/i,
    words: {
      fr: ['code de secours', /codes? de secours/i], es: ['código de respaldo', /códigos? de respaldo/i],
      'pt-BR': ['código de backup', /códigos? de backup/i], de: 'Backup-Code', it: ['codice di backup', /codic[ei] di backup/i],
      ja: 'バックアップコード', 'zh-CN': '备用验证码', ar: ['رمز احتياطي', /احتياطي/], he: ['קוד גיבוי', /(קוד|קודי) (ה)?גיבוי/],
    },
  },
  {
    term: 'organization',
    en: /organi[sz]ation/i,
    words: {
      fr: 'organisation', es: ['organización', /organizaci/i], 'pt-BR': ['organização', /organiza/i], de: 'Organisation',
      it: ['organizzazione', /organizzazion/i], ja: '組織', 'zh-CN': '组织', ar: ['مؤسسة', /مؤسس/], he: ['ארגון', /ארגו/],
    },
  },
  {
    term: 'session',
    en: /\bsession\b/i,
    words: {
      fr: 'session', es: 'sesión', 'pt-BR': 'sessão', de: 'Sitzung', it: 'sessione', ja: 'セッション', 'zh-CN': '会话',
      ar: ['جلسة', /جلس/], he: ['הפעלה', /הפעלה/],
    },
  },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const wordOf = (w: Word): string => (typeof w === 'string' ? w : w[0]);
export const formsOf = (w: Word): RegExp => (typeof w === 'string' ? new RegExp(escape(w), 'i') : w[1]);

/** English strings that use a term, translated without the locale's word for it. */
export function glossaryProblems(locale: string, catalog: Catalog, english: Catalog): string[] {
  const problems: string[] = [];
  for (const { term, en, words } of glossary) {
    const word = words[locale];
    if (!word) {
      problems.push(`${locale}: no settled word for "${term}"`);
      continue;
    }
    for (const [key, source] of Object.entries(english)) {
      if (en.test(source) && !formsOf(word).test(catalog[key] ?? '')) {
        problems.push(`${locale}: ${key} "${catalog[key]}" does not use "${wordOf(word)}" for "${term}" ("${source}")`);
      }
    }
  }
  return problems;
}

/** Strings that are rightly the same as English: the word is the locale's own (a German "Name"). */
export const sameAsEnglish: Record<string, string[]> = {
  fr: ['org.tab.invitations'],
  es: ['common.errorPrefix', 'org.tab.general'],
  'pt-BR': ['account.device.tablet', 'account.device.tv'],
  de: ['field.optional', 'account.passkeys', 'account.name', 'org.field.name', 'account.device.desktop', 'account.device.tablet'],
  it: ['field.password', 'field.newPassword', 'account.device.desktop', 'account.device.tablet', 'account.device.tv'],
};

/** Latin-script words a non-Latin catalog may keep: acronyms, the api attribute, the sample values. */
const KEPT_LATIN = /\b(SMS|SSO|QR|URL|api)\b|<janua-provider>|\S+@\S+|abcd-efgh-ijkl|acme-inc/g;
const NON_LATIN = new Set(['ja', 'zh-CN', 'ar', 'he']);

/** Every text a reader can meet: placeholders filled, a plural at several counts, so ICU syntax is never read as text. */
export function readings(template: string, locale: string): string[] {
  const counts = new Set([...template.matchAll(/\{\s*(\w+)\s*,\s*plural\s*,/g)].map((m) => m[1]!));
  const names = placeholders(template);
  return [...new Set([0, 1, 2, 3, 11, 100].map((n) =>
    format(template, Object.fromEntries(names.map((name) => [name, counts.has(name) ? n : 'x'])), locale)))];
}

/** Strings left in English: identical to the source (outside the allow-list), or English words inside a non-Latin catalog. */
export function untranslatedProblems(locale: string, catalog: Catalog, english: Catalog): string[] {
  const allowed = new Set(sameAsEnglish[locale] ?? []);
  const problems: string[] = [];
  for (const [key, source] of Object.entries(english)) {
    const text = catalog[key] ?? '';
    if (text === source && !allowed.has(key)) problems.push(`${locale}: ${key} is still English ("${text}")`);
    if (text !== source && allowed.has(key)) problems.push(`${locale}: ${key} is allowed to equal English but no longer does: drop it from the list`);
    if (NON_LATIN.has(locale)) {
      for (const reading of readings(text, locale)) {
        const word = /[A-Za-z]{2,}/.exec(reading.replace(KEPT_LATIN, ''));
        if (word) problems.push(`${locale}: ${key} has the English "${word[0]}" in "${reading}"`);
      }
    }
  }
  return problems;
}

/** CJK characters and their own punctuation: Latin , . ! ? : ; ( ) must not sit against them. */
const CJK = '[\\u3000-\\u303f\\u3040-\\u30ff\\u4e00-\\u9fff\\uff00-\\uffef]';
const CJK_LATIN_PUNCT = new RegExp(`${CJK}[,.!?:;()]|[(]${CJK}`);

/** A locale's punctuation, each rule with why it fails; `readings` of every string go through it. */
export const typography: Record<string, [RegExp, string][]> = {
  // Narrow no-break space (U+202F) before ? ! ; and a no-break space (U+00A0) before :
  // (the Imprimerie nationale rule, as Mozilla's French style guide writes it).
  fr: [[/(^|[^\u202f])[?!;]/, 'needs U+202F before ? ! ;'], [/(^|[^\u00a0]):/, 'needs U+00A0 before :'],
    [/'/, 'uses the ’ apostrophe']],
  de: [[/["”]/, 'quotes are „…“'], [/„[^“]*$/, '„ is closed by “']],
  es: [[/^[^¿]*\?/, 'opens a question with ¿'], [/^[^¡]*!/, 'opens an exclamation with ¡']],
  it: [[/'/, 'uses the ’ apostrophe']],
  ja: [[CJK_LATIN_PUNCT, 'uses full-width punctuation (、。？！：（）)']],
  'zh-CN': [[CJK_LATIN_PUNCT, 'uses full-width punctuation (，。？！：（）)']],
  ar: [[/[,?;]/, 'uses the Arabic ، ؟ ؛']],
  he: [[/[،؟؛]/, 'uses Latin punctuation, not Arabic']],
};
/** Every locale: an ellipsis is one character. */
export const EVERY_LOCALE: [RegExp, string][] = [[/\.\.\./, 'writes … as one character']];

/** The register docs/locales.md settles, as what must not appear. */
/** Whole words only: `\b` is ASCII-only, so "êtes" would hide a "tes". */
const words = (alternatives: string, flags = 'iu') => new RegExp(`(?<!\\p{L})(${alternatives})(?!\\p{L})`, flags);
export const register: Record<string, [RegExp, string][]> = {
  fr: [[words('tu|toi|ton|ta|tes|te|t’\\p{L}*'), 'says vous, not tu']],
  de: [[words('du|dich|dir|dein\\p{L}*'), 'says Sie, not du']],
  es: [[words('usted|ustedes|su cuenta|su contraseña|su correo'), 'says tú, not usted']],
  'pt-BR': [[words('tu|teu|tua|teus|tuas|contigo'), 'says você, not tu']],
  it: [[words('Lei|Suo|Sua|Suoi|Sue', 'u'), 'says tu, not Lei']],
  ja: [[/(だ|である)。/, 'is polite (です/ます), not plain']],
  'zh-CN': [[/您/, 'says 你, not 您']],
  // A slash form (את/ה) is read aloud letter by letter; the catalog writes around gender instead.
  he: [[/[\u0590-\u05ff]\/[\u0590-\u05ff]/, 'is gender-neutral without slash forms']],
};

/** Punctuation and register faults, one line each. */
export function styleProblems(locale: string, catalog: Catalog): string[] {
  const rules = [...EVERY_LOCALE, ...(typography[locale] ?? []), ...(register[locale] ?? [])];
  const problems: string[] = [];
  for (const [key, text] of Object.entries(catalog)) {
    for (const reading of readings(text, locale)) {
      for (const [rule, why] of rules) {
        // Sentence by sentence for the Spanish opening marks; whole text for the rest.
        const parts = locale === 'es' ? reading.split(/(?<=[.?!…])\s+/) : [reading];
        if (parts.some((part) => rule.test(part))) problems.push(`${locale}: ${key} "${reading}" ${why}`);
      }
    }
  }
  return [...new Set(problems)];
}
