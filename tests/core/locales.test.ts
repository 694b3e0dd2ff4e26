import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { direction, en, errorKey, format, loadCatalog, locales, placeholders, type PartialCatalog } from '../../packages/core/src/index.ts';
import { EVERY_LOCALE, formsOf, glossary, glossaryProblems, register, sameAsEnglish, styleProblems, typography, untranslatedProblems, wordOf } from './locale-glossary.ts';

/*
 * The shipped catalogs against English: every key of every English family catalog (core `en.ts`
 * and each `en-<family>.ts`, found on disk so a new family is checked without touching this
 * file) in every locale, with the same placeholders, plurals that name only the categories the
 * locale has, and every error code in the locale's own words.
 */

const i18nDir = join(dirname(fileURLToPath(import.meta.url)), '../../packages/core/src/i18n');
const familyFiles = readdirSync(i18nDir).filter((f) => /^en-[a-z]+\.ts$/.test(f)).sort();

async function englishFamilies(): Promise<Record<string, Record<string, string>>> {
  const families: Record<string, Record<string, string>> = { core: en };
  for (const file of familyFiles) {
    const mod = (await import(join(i18nDir, file))) as Record<string, Record<string, string>>;
    const [catalog] = Object.values(mod);
    families[file.slice(3, -3)] = catalog!;
  }
  return families;
}

const others = locales.filter((l) => l !== 'en');
const catalogOf = async (locale: string): Promise<Record<string, string>> => {
  const catalog = await loadCatalog(locale);
  assert.ok(catalog, `${locale} has a catalog`);
  return catalog as Record<string, string>;
};

/** The `{n, plural, …}` blocks of a string: the argument and its branch selectors. */
function plurals(template: string): { name: string; selectors: string[] }[] {
  const out: { name: string; selectors: string[] }[] = [];
  for (const m of template.matchAll(/\{\s*(\w+)\s*,\s*plural\s*,/g)) {
    const selectors: string[] = [];
    let depth = 0;
    let word = '';
    for (let i = m.index + m[0].length; i < template.length; i++) {
      const c = template[i]!;
      if (c === '{') {
        if (depth === 0) selectors.push(word.trim());
        depth++;
        word = '';
      } else if (c === '}') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0) word += c;
    }
    out.push({ name: m[1]!, selectors });
  }
  return out;
}

test('the kit ships at least ten locales, English first, and each other one loads on its own', async () => {
  assert.ok(locales.length >= 10, `${locales.length} locales`);
  assert.equal(locales[0], 'en');
  for (const tag of ['fr', 'es', 'pt-BR', 'de', 'it', 'ja', 'zh-CN', 'ar', 'he']) assert.ok(locales.includes(tag as never), tag);
  assert.equal(await loadCatalog('en'), null, 'English is built in');
  const seen = new Set<PartialCatalog>();
  for (const locale of others) seen.add((await loadCatalog(locale))!);
  assert.equal(seen.size, others.length, 'a distinct catalog per locale');
});

test('every key of every English family exists in every locale, with the same placeholders', async () => {
  const families = await englishFamilies();
  assert.ok(Object.keys(families).length >= 3, `families: ${Object.keys(families).join(', ')}`);
  const english = Object.assign({}, ...Object.values(families)) as Record<string, string>;
  for (const locale of others) {
    const catalog = await catalogOf(locale);
    for (const [family, strings] of Object.entries(families)) {
      for (const [key, source] of Object.entries(strings)) {
        const text = catalog[key];
        assert.equal(typeof text, 'string', `${locale}: ${family} key ${key} is missing`);
        assert.ok(text!.trim(), `${locale}: ${key} is empty`);
        assert.deepEqual(placeholders(text!), placeholders(source), `${locale}: ${key} keeps the placeholders of "${source}"`);
      }
    }
    const strays = Object.keys(catalog).filter((k) => !(k in english));
    assert.deepEqual(strays, [], `${locale}: keys English does not have`);
  }
});

test('every error code has a message in each locale\'s own words', async () => {
  const codes = Object.keys(en).filter((k) => k.startsWith('error.'));
  assert.ok(codes.length >= 30);
  for (const locale of others) {
    const catalog = await catalogOf(locale);
    for (const key of codes) {
      assert.notEqual(catalog[key], en[key as keyof typeof en], `${locale}: ${key} is still English`);
    }
  }
  assert.equal(errorKey('SOMETHING_NEW'), 'error.generic');
});

test('a button\'s visible word is part of its accessible name in every locale (WCAG 2.5.3, label in name)', async () => {
  // [visible text, aria-label] pairs the elements render on one button.
  const pairs = [['field.show', 'field.showPassword'], ['field.hide', 'field.hidePassword'], ['org.resend', 'org.resendTo'],
    ['org.revoke', 'org.revokeFor'], ['org.remove', 'org.removeName']] as const;
  const families = await englishFamilies();
  const english = Object.assign({}, ...Object.values(families)) as Record<string, string>;
  for (const locale of locales) {
    const catalog = locale === 'en' ? english : await catalogOf(locale);
    for (const [visible, name] of pairs) {
      assert.ok(catalog[name]!.toLocaleLowerCase(locale).includes(catalog[visible]!.toLocaleLowerCase(locale)),
        `${locale}: "${catalog[visible]}" (${visible}) is not inside "${catalog[name]}" (${name})`);
    }
  }
});

test('plurals name only the categories Intl.PluralRules has for the locale, always with other', async () => {
  const families = await englishFamilies();
  const english = Object.assign({}, ...Object.values(families)) as Record<string, string>;
  const check = (locale: string, key: string, text: string) => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
    for (const { name, selectors } of plurals(text)) {
      assert.ok(selectors.includes('other'), `${locale}: ${key} {${name}, plural} has an other branch`);
      for (const s of selectors) {
        assert.ok(/^=\d+$/.test(s) || categories.includes(s), `${locale}: ${key} uses "${s}", not a ${locale} plural category (${categories.join(', ')})`);
      }
      for (const n of [0, 1, 2, 3, 5, 11, 21, 100, 1000]) {
        const out = format(text, { [name]: n, seconds: n, count: n }, locale);
        assert.doesNotMatch(out, /[{}#]/, `${locale}: ${key} with ${n} reads "${out}"`);
      }
    }
  };
  for (const [key, text] of Object.entries(english)) check('en', key, text);
  for (const locale of others) {
    for (const [key, text] of Object.entries(await catalogOf(locale))) check(locale, key, text);
  }
});

test('format: plural categories from Intl.PluralRules, exact matches first, numbers the locale\'s way', () => {
  const codes = '{count, plural, =0 {No codes} one {# code} other {# codes}}';
  assert.equal(format(codes, { count: 0 }, 'en'), 'No codes');
  assert.equal(format(codes, { count: 1 }, 'en'), '1 code');
  assert.equal(format(codes, { count: 1200 }, 'en'), '1,200 codes');
  assert.equal(format('{n} s', { n: 1200 }, 'de'), '1.200 s');
  const ar = '{n, plural, zero {لا شيء} one {واحد} two {اثنان} few {# قليلة} many {# كثيرة} other {# أخرى}}';
  assert.equal(format(ar, { n: 2 }, 'ar'), 'اثنان');
  assert.match(format(ar, { n: 3 }, 'ar'), /قليلة$/);
  assert.match(format(ar, { n: 11 }, 'ar'), /كثيرة$/);
  assert.equal(format('{role, select, owner {Boss} other {Someone}}', { role: 'owner' }), 'Boss');
  assert.equal(format('{role, select, owner {Boss} other {Someone}}', { role: 'viewer' }), 'Someone');
  // Placeholders inside a branch are filled; unknown ones stay visible.
  assert.equal(format('{n, plural, one {# for {who}} other {# for {who}}}', { n: 1, who: 'Ada' }, 'en'), '1 for Ada');
  assert.equal(format('Hi {name}', {}), 'Hi {name}');
  assert.equal(format('An open {brace', { brace: 1 }), 'An open {brace', 'an unclosed brace is text');
  // A locale Intl rejects (a typo in an attribute) formats as English instead of throwing.
  assert.equal(format(codes, { count: 1200 }, 'not a locale!'), '1,200 codes');
  assert.equal(format('{n}', { n: 1200 }, 'de_DE'), '1.200');
  assert.deepEqual(placeholders('{n, plural, =0 {none} one {# for {who}} other {#}}'), ['n', 'who']);
  const fr = '{seconds, plural, one {# seconde} other {# secondes}}';
  assert.equal(format(fr, { seconds: 0 }, 'fr'), '0 seconde', 'French counts 0 as one');
  assert.equal(format(fr, { seconds: 2 }, 'fr'), '2 secondes');
});

test('Arabic and Hebrew are written right to left; the rest left to right', () => {
  for (const locale of locales) {
    assert.equal(direction(locale), ['ar', 'he'].includes(locale) ? 'rtl' : 'ltr', locale);
  }
  assert.equal(direction('ar-EG'), 'rtl');
  assert.equal(direction('he-IL'), 'rtl');
  assert.equal(direction('fa'), 'rtl');
  assert.equal(direction('en-US'), 'ltr');
});

test('a region falls back to its language; Hebrew answers to its old tag too', async () => {
  assert.equal((await loadCatalog('pt-PT'))!['signIn.title'], (await loadCatalog('pt-BR'))!['signIn.title']);
  assert.equal((await loadCatalog('es-MX'))!['signIn.title'], 'Iniciar sesión');
  assert.equal((await loadCatalog('iw'))!['signIn.title'], (await loadCatalog('he'))!['signIn.title']);
  assert.equal((await loadCatalog('zh'))!['signIn.title'], '登录');
});

/*
 * The glossary, register and punctuation docs/locales.md settles, checked mechanically (the
 * rules are in ./locale-glossary.ts). Each check is also run on planted faults, so none of them
 * passes by being unable to fail.
 */

const docs = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../docs/locales.md'), 'utf8');
const englishCatalog = async () => Object.assign({}, ...Object.values(await englishFamilies())) as Record<string, string>;

test('each locale says passkey, sign in, two-step verification, backup code… with its settled word everywhere', async () => {
  const english = await englishCatalog();
  for (const locale of others) assert.deepEqual(glossaryProblems(locale, await catalogOf(locale), english), [], locale);
});

test('no string is left in English, except the few the locale shares with it', async () => {
  const english = await englishCatalog();
  for (const locale of others) assert.deepEqual(untranslatedProblems(locale, await catalogOf(locale), english), [], locale);
});

test('each locale keeps its own punctuation and one register', async () => {
  for (const locale of others) assert.deepEqual(styleProblems(locale, await catalogOf(locale)), [], locale);
});

test('docs/locales.md lists the settled word of every term for every locale', () => {
  for (const { term, words } of glossary) {
    for (const locale of others) {
      assert.ok(words[locale], `${locale} has a word for "${term}"`);
      for (const word of wordOf(words[locale]!).split(', ')) assert.ok(docs.includes(word), `docs/locales.md has "${word}" (${locale}, "${term}")`);
    }
  }
});

test('the glossary, English and style checks catch the faults they are written for', async () => {
  const english = await englishCatalog();
  for (const locale of others) {
    const catalog = await catalogOf(locale);
    // Each term, dropped from the first string that needs it.
    for (const { term, en, words } of glossary) {
      const key = Object.keys(english).find((k) => en.test(english[k]!))!;
      const forms = formsOf(words[locale]!);
      const planted = { ...catalog, [key]: catalog[key]!.replace(new RegExp(forms.source, `${forms.flags}g`), '…') };
      assert.ok(glossaryProblems(locale, planted, english).some((p) => p.includes(key)), `${locale}: "${term}" dropped from ${key} is caught`);
    }
    // A string copied from English; an allowed one translated after all; English inside a non-Latin catalog.
    const copied = untranslatedProblems(locale, { ...catalog, 'signIn.title': english['signIn.title']! }, english);
    assert.ok(copied.some((p) => p.includes('signIn.title')), `${locale}: an English copy is caught`);
    const [shared] = sameAsEnglish[locale] ?? [];
    if (shared) {
      assert.ok(untranslatedProblems(locale, { ...catalog, [shared]: `${catalog[shared]}!` }, english).some((p) => p.includes(shared)),
        `${locale}: a stale allow-list entry is caught`);
    }
    if (['ja', 'zh-CN', 'ar', 'he'].includes(locale)) {
      const mixed = untranslatedProblems(locale, { ...catalog, 'field.password': `${catalog['field.password']} (password)` }, english);
      assert.ok(mixed.some((p) => p.includes('"password"')), `${locale}: an English word inside is caught`);
    }
  }
  // One planted fault per punctuation and register rule, and each rule reports it.
  const faults: Record<string, string[]> = {
    fr: ['Mot de passe oublié ?', 'Erreur :', 'C\'est trop court.', 'Connecte-toi.'],
    de: ['Klicken Sie auf "Weiter".', 'Wählen Sie „Weiter.', 'Melde dich an.'],
    es: ['Olvidaste tu contraseña?', 'Hola!', 'Inicie sesión con su cuenta.'],
    it: ['E\' troppo corto.', 'Acceda al Suo account.'],
    'pt-BR': ['Entra com a tua conta.'],
    ja: ['パスワードをお忘れですか?', 'ログインした。ログインだ。'],
    'zh-CN': ['忘记密码?', '请您登录。'],
    ar: ['نسيت كلمة المرور?'],
    he: ['שלום؟', 'לא את/ה?'],
  };
  for (const locale of others) {
    const problems = styleProblems(locale, Object.fromEntries([...faults[locale]!, 'Loading...'].map((text, i) => [`planted.${i}`, text])));
    for (const [, why] of [...EVERY_LOCALE, ...(typography[locale] ?? []), ...(register[locale] ?? [])]) {
      assert.ok(problems.some((p) => p.endsWith(why)), `${locale}: the rule "${why}" catches its fault (found: ${problems.join(' | ')})`);
    }
  }
});
