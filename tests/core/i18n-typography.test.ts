import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format, loadCatalog, placeholders } from '../../packages/core/src/index.ts';

const catalog = async (locale: string) => (await loadCatalog(locale)) as Record<string, string>;

/** Kana and kanji (after 。 or before 、 a Latin word needs no space). */
const CJK = '[\\u3040-\\u30ff\\u4e00-\\u9fff]';
/** A Latin word (SMS, SSO, QR, URL…) touching a CJK character on either side. */
const TOUCHING = new RegExp(`[A-Za-z]${CJK}|${CJK}[A-Za-z]`);

/** The text a reader sees, placeholders filled with a CJK character so only the catalog's own Latin words are checked. */
const reading = (template: string, locale: string) =>
  format(template, Object.fromEntries(placeholders(template).map((name) => [name, name === 'count' || name === 'seconds' ? 2 : '名'])), locale);

test('Japanese and Chinese set a Latin word apart from the text around it with a space, every time', async () => {
  for (const locale of ['ja', 'zh-CN']) {
    const problems = Object.entries(await catalog(locale))
      .map(([key, text]) => [key, reading(text, locale)] as const)
      .filter(([, text]) => TOUCHING.test(text))
      .map(([key, text]) => `${key}: ${text}`);
    assert.deepEqual(problems, [], locale);
  }
  const ja = await catalog('ja');
  assert.equal(ja['account.textCode'], 'SMS でコードを受け取る');
  assert.match(ja['sso.found']!, /SSO で続行/);
  // The check catches the fault it is written for.
  assert.ok(TOUCHING.test(reading('SMSでコードを受け取る', 'ja')));
  assert.ok(!TOUCHING.test(reading('{email} に送信', 'ja')), 'a placeholder is not a Latin word');
});

test('Arabic: a passkey never used reads "not used yet" after "last used:"', async () => {
  const ar = await catalog('ar');
  assert.equal(ar['account.never'], 'لم يُستخدم بعد');
  assert.equal(format(ar['account.passkeyDates']!, { created: '١ يناير', used: ar['account.never']! }, 'ar'),
    'أُنشئ في \u2068١ يناير\u2069 · آخر استخدام: \u2068لم يُستخدم بعد\u2069');
});

test('in a right-to-left language each value is isolated (FSI…PDI), so an address keeps its own order; left-to-right ones are left alone', () => {
  const email = 'inv-ar-1@example.test';
  assert.equal(format('الدعوة لـ {email}.', { email }, 'ar'), `الدعوة لـ \u2068${email}\u2069.`);
  assert.equal(format('ההזמנה ל-{email}.', { email }, 'he-IL'), `ההזמנה ל-\u2068${email}\u2069.`);
  assert.equal(format('Invitation for {email}.', { email }, 'en'), `Invitation for ${email}.`);
  assert.equal(format('{n, plural, other {# رموز}}', { n: 3 }, 'ar'), '3 رموز', 'numbers are the language\'s own');
});

test('Arabic numbers are written in Latin digits, as the catalog writes them, whatever the region; a page that names its digits keeps them', async () => {
  const { intlLocale } = await import('../../packages/core/src/index.ts');
  assert.equal(intlLocale('ar-SA'), 'ar-SA-u-nu-latn');
  assert.equal(intlLocale('ar'), 'ar-u-nu-latn');
  assert.equal(intlLocale('ar-EG-u-nu-arab'), 'ar-EG-u-nu-arab');
  assert.equal(intlLocale('ar-SA-u-ca-islamic'), 'ar-SA-u-ca-islamic-nu-latn');
  assert.equal(intlLocale('fr-FR'), 'fr-FR');
  assert.equal(new Intl.NumberFormat(intlLocale('ar-EG')).format(15), '15');
  assert.equal(format('{count, plural, other {# رموز}}', { count: 15 }, 'ar-SA'), '15 رموز');
});

test('Arabic Latin digits survive private-use and other extension parts of a tag', async () => {
  const { intlLocale } = await import('../../packages/core/src/index.ts');
  for (const tag of ['ar-SA-x-foo', 'ar-SA-u-ca-islamic-x-foo', 'ar-SA-x-nu-arab', 'ar-t-en']) {
    assert.equal(new Intl.NumberFormat(intlLocale(tag)).format(15), '15', tag);
  }
  assert.equal(new Intl.NumberFormat(intlLocale('ar-SA-u-ca-islamic-nu-arab')).format(15), '١٥', 'digits the page names are kept');
});
