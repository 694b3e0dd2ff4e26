import { expect, fixture, html } from '@open-wc/testing';
import { JanuaClient } from '@janua/core';
import '../../components/index.ts';
import { personName } from '../../components/internal/person-name.ts';
import { cjk } from '../../components/internal/localize.ts';
import { PASSWORD, startServer, uniqueEmail, until } from './helpers.ts';
import { signedIn, signInWithAgent, until as slowly } from './account-helpers.ts';

/*
 * Text the kit puts together itself reads right in Chinese and Japanese: names in their own order,
 * no Latin space between sentences or before a full-width note, the language's own comma.
 */

const offline = () => new JanuaClient({ api: 'http://cjk.test', restore: false, crossTab: false });
const label = (el: Element, name: string) => el.querySelector<HTMLInputElement>(`input[name="${name}"]`)!.labels![0]!.textContent!;

describe('Chinese and Japanese text', () => {
  it('names: family name first, with no space, for a name in CJK script, in any language; Ada Lovelace stays', () => {
    expect(personName('太郎', '山田')).to.equal('山田太郎');
    expect(personName('小明', '王')).to.equal('王小明');
    expect(personName('민준', '김')).to.equal('김민준');
    expect(personName('Ada', 'Lovelace')).to.equal('Ada Lovelace');
    expect(personName('Ada', null)).to.equal('Ada');
    expect(personName(null, '山田')).to.equal('山田');
    // Half in Latin letters: the writer chose the Western order, with its space.
    expect(personName('Taro', '山田')).to.equal('Taro 山田');
    expect(personName('Anna', 'Müller (ミュラー)')).to.equal('Anna Müller (ミュラー)');
  });

  it('the text rules follow the catalog in use: a Traditional Chinese page reads English, with its spaces', () => {
    expect(['ja', 'zh', 'zh-CN', 'zh-Hans-HK', 'zh-TW', 'zh-Hant', 'ko', 'en'].map((l) => cjk(l.toLowerCase())))
      .to.deep.equal([true, true, true, true, false, false, false, false]);
  });

  it('<janua-user-name> and the signed-in card say 山田太郎', async () => {
    const server = await startServer();
    await server.client.signUp({ email: uniqueEmail(), password: PASSWORD, firstName: '太郎', lastName: '山田' });
    const stage = await fixture<HTMLElement>(html`<div><janua-user-name .client=${server.client}></janua-user-name>
      <janua-sign-in locale="ja" .client=${server.client}></janua-sign-in></div>`);
    const name = stage.querySelector('janua-user-name')!;
    await until(() => name.textContent === '山田太郎', `the name, not "${name.textContent}"`);
    const signIn = stage.querySelector('janua-sign-in')!;
    await until(() => signIn.shadowRoot!.querySelector('[part~="subtitle"]')?.textContent?.includes('山田太郎'), 'the signed-in card');
  });

  it('forms in Japanese and Chinese ask for the family name first; the optional note follows with no space', async () => {
    for (const [locale, first] of [['ja', 'last_name'], ['zh-CN', 'last_name'], ['en', 'first_name'], ['fr', 'first_name']] as const) {
      const el = await fixture<HTMLElement>(html`<janua-sign-up locale=${locale} .client=${offline()}></janua-sign-up>`);
      await until(() => el.querySelector('input[name="first_name"]'), 'the form');
      await until(() => locale === 'en' || label(el, 'email') !== 'Email address', `${locale} strings`);
      const names = [...el.querySelectorAll<HTMLInputElement>('input[name$="_name"]')].map((i) => i.name);
      expect(names[0], locale).to.equal(first);
      const note = label(el, 'first_name');
      if (locale === 'ja') expect(note).to.match(/[^\s]（任意）$/);
      if (locale === 'en') expect(note).to.match(/ \(optional\)$/);
    }
  });

  it('the session list joins browser and system with the language\'s comma', async () => {
    const { server, client, email } = await signedIn();
    await signInWithAgent(server, email, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36');
    const lists = await fixture<HTMLElement>(html`<div><janua-session-list locale="ja" .client=${client}></janua-session-list>
      <janua-session-list locale="en" .client=${client}></janua-session-list></div>`);
    const [ja, en] = [...lists.querySelectorAll('janua-session-list')];
    await slowly(() => ja!.textContent!.includes('Chrome 120、Windows 10'), 'Japanese');
    await slowly(() => en!.textContent!.includes('Chrome 120, Windows 10'), 'English');
  });
});
