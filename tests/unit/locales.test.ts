import { expect, fixture, html } from '@open-wc/testing';
import { JanuaClient, loadCatalog, locales, organizations, sessions, type PartialCatalog } from '@janua/core';
import '../../components/index.ts';
import type { JanuaSignIn } from '../../components/sign-in/sign-in.ts';
import type { JanuaOrgSwitcher } from '../../components/org-switcher/org-switcher.ts';
import type { JanuaUserButton } from '../../components/user-button/user-button.ts';
import type { JanuaSessionList } from '../../components/session-list/session-list.ts';
import { until } from './helpers.ts';
import { orgServer, orgWith } from './org-helpers.ts';

/*
 * Locales as a user meets them: the text changes language in place when the page or the element
 * changes its locale (no reload), and Arabic and Hebrew mirror the layout — fields, labels,
 * icons that point somewhere, and the menus that open beside their trigger.
 */

const offline = () => new JanuaClient({ api: 'http://locales.test', restore: false, crossTab: false });
const heading = (el: Element) => el.shadowRoot!.querySelector('[part="heading"]')!.textContent!.trim();
const input = (el: Element, name: string) => el.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const labelText = (el: Element, name: string) => input(el, name).labels![0]!.textContent!.trim();
/** Where a label's text actually sits on screen (the label box itself spans the row). */
function textBox(label: HTMLElement): DOMRect {
  const range = document.createRange();
  range.selectNodeContents(label);
  return range.getBoundingClientRect();
}
const near = (a: number, b: number, what: string) => expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).to.be.below(2);

const catalogs = new Map<string, PartialCatalog>();
async function strings(locale: string): Promise<PartialCatalog> {
  if (!catalogs.has(locale)) catalogs.set(locale, (await loadCatalog(locale)) ?? {});
  return catalogs.get(locale)!;
}

describe('locales', function () {
  this.timeout(60_000);
  afterEach(() => {
    document.documentElement.lang = 'en';
    document.documentElement.removeAttribute('dir');
  });

  it('switches every shipped locale in place, from <html lang> and from the locale attribute, without a reload', async () => {
    const marker = Symbol('same document');
    (window as unknown as Record<symbol, boolean>)[marker] = true;
    const el = await fixture<JanuaSignIn>(html`<janua-sign-in .client=${offline()}></janua-sign-in>`);
    const email = input(el, 'email');
    expect(heading(el)).to.equal('Sign in');
    for (const locale of locales.filter((l) => l !== 'en')) {
      const t = await strings(locale);
      document.documentElement.lang = locale;
      await until(() => heading(el) === t['signIn.title'] && labelText(el, 'email') === t['field.email'], `${locale} from <html lang>`);
    }
    document.documentElement.lang = 'en';
    await until(() => heading(el) === 'Sign in', 'back to English');
    el.locale = 'ja';
    await until(() => heading(el) === 'ログイン', 'Japanese from the locale property');
    el.setAttribute('locale', 'de');
    await until(() => heading(el) === 'Anmelden' && labelText(el, 'password') === 'Passwort', 'German from the attribute');
    // The same document and the same field throughout: nothing was reloaded or rebuilt.
    expect((window as unknown as Record<symbol, boolean>)[marker]).to.equal(true);
    expect(input(el, 'email')).to.equal(email);
  });

  it('renders English for a locale it does not have, or one Intl rejects, instead of failing', async () => {
    for (const locale of ['xx', 'not a locale!', 'pt_BR']) {
      const el = await fixture<JanuaSignIn>(html`<janua-sign-in locale=${locale} .client=${offline()}></janua-sign-in>`);
      await until(() => heading(el) === (locale === 'pt_BR' ? 'Entrar' : 'Sign in'), `${locale}`);
      expect(el.hasAttribute('dir') ? el.getAttribute('dir') : 'ltr').to.equal('ltr');
    }
  });

  it('is accessible in Arabic and in Hebrew', async () => {
    for (const locale of ['ar', 'he']) {
      const el = await fixture<JanuaSignIn>(html`<janua-sign-in locale=${locale} .client=${offline()}></janua-sign-in>`);
      const t = await strings(locale);
      await until(() => heading(el) === t['signIn.title'], `${locale} strings`);
      await expect(el).to.be.accessible();
    }
  });

  it('mirrors for Arabic: the element turns right-to-left and its labels sit at the right edge of their fields', async () => {
    const wrap = await fixture<HTMLElement>(html`<div>
      <janua-sign-in locale="en" .client=${offline()}></janua-sign-in>
      <janua-sign-in locale="ar" .client=${offline()}></janua-sign-in></div>`);
    const [ltr, rtl] = [...wrap.querySelectorAll<JanuaSignIn>('janua-sign-in')] as [JanuaSignIn, JanuaSignIn];
    await until(() => heading(rtl) === 'تسجيل الدخول', 'Arabic strings');
    expect(rtl.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(input(rtl, 'password')).direction).to.equal('rtl');
    // An address reads left to right on a right-to-left card: the field takes what is typed's direction.
    const email = input(rtl, 'email');
    expect(email.dir).to.equal('auto');
    email.value = 'ali@example.com';
    expect(getComputedStyle(email).direction).to.equal('ltr');
    email.value = 'علي@example.com';
    expect(getComputedStyle(email).direction).to.equal('rtl');
    email.value = '';
    expect(ltr.getAttribute('dir')).to.equal('ltr');
    for (const name of ['email', 'password']) {
      const l = input(ltr, name);
      const r = input(rtl, name);
      near(textBox(l.labels![0]!).left, l.getBoundingClientRect().left, `${name} label starts at the field's left in English`);
      near(textBox(r.labels![0]!).right, r.getBoundingClientRect().right, `${name} label starts at the field's right in Arabic`);
    }
    // Back to a left-to-right language at run time: the mirror goes away.
    rtl.locale = 'es';
    await until(() => rtl.getAttribute('dir') === 'ltr' && heading(rtl) === 'Iniciar sesión', 'Spanish, left to right');
  });

  it('follows the page: <html dir> wins, <html lang="he"> alone mirrors, and an author\'s dir on the element is kept', async () => {
    document.documentElement.lang = 'he';
    document.documentElement.dir = 'rtl';
    const wrap = await fixture<HTMLElement>(html`<div>
      <janua-sign-in .client=${offline()}></janua-sign-in>
      <janua-sign-in dir="ltr" .client=${offline()}></janua-sign-in></div>`);
    const [page, own] = [...wrap.querySelectorAll<JanuaSignIn>('janua-sign-in')] as [JanuaSignIn, JanuaSignIn];
    await until(() => heading(page) === 'התחברות', 'Hebrew from the page');
    expect(page.hasAttribute('dir'), 'inherits the page direction').to.equal(false);
    expect(getComputedStyle(page).direction).to.equal('rtl');
    expect(own.getAttribute('dir')).to.equal('ltr');
    expect(getComputedStyle(own).direction).to.equal('ltr');
    // A page that sets only its language: the language decides.
    document.documentElement.removeAttribute('dir');
    await until(() => page.getAttribute('dir') === 'rtl', 'rtl from <html lang="he">');
    expect(own.getAttribute('dir'), 'the author\'s dir is untouched').to.equal('ltr');
    document.documentElement.lang = 'it';
    await until(() => !page.hasAttribute('dir') && heading(page) === 'Accedi', 'Italian, left to right again');
  });

  it('opens the workspace menu under the trigger\'s start edge: the left one in English, the right one in Hebrew; the chevron still points down', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const org = await orgWith(server, owner, [], 'Northwind Traders International');
    await organizations(owner.client).switch(org.id);
    const sides: Record<string, { trigger: DOMRect; panel: DOMRect; chevron: string }> = {};
    for (const locale of ['en', 'he']) {
      const wrap = await fixture<HTMLElement>(html`<div style="display: flex; justify-content: center; padding: 1rem 12rem 24rem">
        <janua-org-switcher locale=${locale} .client=${owner.client}></janua-org-switcher></div>`);
      const el = wrap.querySelector<JanuaOrgSwitcher>('janua-org-switcher')!;
      const trigger = () => el.shadowRoot!.querySelector<HTMLButtonElement>('.trigger:not([aria-disabled])');
      await until(() => trigger(), 'the switcher ready');
      const t = await strings(locale);
      if (locale === 'he') await until(() => el.shadowRoot!.textContent!.includes(t['org.role.owner']!), 'Hebrew role');
      trigger()!.click();
      const panel = el.shadowRoot!.querySelector<HTMLElement>('[role="menu"]')!;
      await until(() => !panel.hidden && panel.getBoundingClientRect().width > 0 && panel.style.left, 'the menu open and placed');
      sides[locale] = {
        trigger: trigger()!.getBoundingClientRect(),
        panel: panel.getBoundingClientRect(),
        chevron: getComputedStyle(el.shadowRoot!.querySelector('.chevron')!).transform,
      };
      expect(getComputedStyle(panel).direction).to.equal(locale === 'he' ? 'rtl' : 'ltr');
      if (locale === 'he') {
        // What the menu opens speaks the same language, in the same direction.
        [...panel.querySelectorAll<HTMLElement>('[role^="menuitem"]')].find((i) => i.dataset['label'] === t['org.create'])!.click();
        const create = () => el.shadowRoot!.querySelector('janua-create-org');
        await until(() => create()?.shadowRoot?.querySelector('[part="heading"]')?.textContent?.trim() === t['org.create.title'], 'the create dialog in Hebrew');
        expect(getComputedStyle(create()!).direction).to.equal('rtl');
      }
    }
    const { en, he } = sides as Record<'en' | 'he', (typeof sides)[string]>;
    expect(en.panel.width, 'the menu is wider than its trigger (so the sides can be told apart)').to.be.above(en.trigger.width + 4);
    near(en.panel.left, en.trigger.left, 'English: left edges');
    near(he.panel.right, he.trigger.right, 'Hebrew: right edges');
    expect(he.chevron).to.not.equal(en.chevron);
    // Both chevrons point down: the mirrored borders turn the other way round.
    const angle = (m: string) => Math.round(Math.atan2(Number(m.split(/[(,]/)[2]), Number(m.split(/[(,]/)[1])) * 180 / Math.PI);
    expect([angle(en.chevron), angle(he.chevron)]).to.deep.equal([45, -45]);
  });

  it('opens the account menu under the trigger\'s end edge: the right one in English, the left one in Arabic', async () => {
    const server = await orgServer();
    const person = await server.person();
    const sides: Record<string, { trigger: DOMRect; panel: DOMRect }> = {};
    for (const locale of ['en', 'ar']) {
      const wrap = await fixture<HTMLElement>(html`<div style="display: flex; justify-content: center; padding: 1rem 12rem 24rem">
        <janua-user-button locale=${locale} .client=${person.client}></janua-user-button></div>`);
      const el = wrap.querySelector<JanuaUserButton>('janua-user-button')!;
      const trigger = () => el.shadowRoot!.querySelector<HTMLButtonElement>('.trigger');
      await until(() => trigger(), 'the button');
      const t = await strings(locale);
      if (locale === 'ar') await until(() => trigger()!.textContent!.includes(t['account.menu']!.split('{')[0]!.trim()), 'Arabic name of the menu');
      await el.open();
      const panel = el.shadowRoot!.querySelector<HTMLElement>('.popup')!;
      await until(() => !panel.hidden && panel.style.left, 'the menu placed');
      sides[locale] = { trigger: trigger()!.getBoundingClientRect(), panel: panel.getBoundingClientRect() };
    }
    const { en, ar } = sides as Record<'en' | 'ar', (typeof sides)[string]>;
    expect(en.panel.width).to.be.above(en.trigger.width + 4);
    near(en.panel.right, en.trigger.right, 'English: right edges');
    near(ar.panel.left, ar.trigger.left, 'Arabic: left edges');
  });

  it('writes dates the language\'s way through Intl (the session list in German and in Japanese)', async () => {
    const server = await orgServer();
    const person = await server.person();
    const list = sessions(person.client).list;
    const medium = (locale: string, iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
    for (const [locale, word] of [['de', 'zuletzt aktiv:'], ['ja', '最終アクティブ']] as const) {
      const el = await fixture<JanuaSessionList>(html`<janua-session-list locale=${locale} .client=${person.client}></janua-session-list>`);
      const current = () => list.getSnapshot().data?.find((x) => x.isCurrent);
      // German "zuletzt aktiv: 29.11.2026, 21:45", Japanese "最終アクティブ：2026/11/29 21:45".
      const shown = () => {
        const at = current()?.lastActivityAt;
        return at !== undefined && [' ', '：'].some((sep) => el.textContent!.includes(`${word}${sep}${medium(locale, at)}`));
      };
      await until(shown, `${locale}: the last activity written the ${locale} way`);
      expect(medium(locale, current()!.lastActivityAt)).to.not.equal(medium('en', current()!.lastActivityAt));
    }
  });
});
