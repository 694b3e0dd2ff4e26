import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../components/sign-up/define.ts';
import type { JanuaSignUp } from '../../components/sign-up/sign-up.ts';
import type { SignUpField } from '../../components/sign-up/fields.ts';
import { PASSWORD, type, uniqueEmail, until } from './helpers.ts';
import { alertOf, deepActive, nextCode, paste, startMethodsServer, totpAccount } from './methods-helpers.ts';

const FIELDS: SignUpField[] = [
  { name: 'company', label: { en: 'Company', fr: 'Entreprise' }, required: true, maxlength: 80, autocomplete: 'organization' },
  { name: 'employee_id', label: { en: 'Employee number', fr: 'Matricule' }, pattern: '[A-Z]{2}[0-9]{4}',
    invalidMessage: { en: 'Use two capitals and four digits, like AB1234.', fr: 'Deux majuscules et quatre chiffres, comme AB1234.' },
    hint: { en: 'On your badge.', fr: 'Sur votre badge.' } },
  { name: 'team', type: 'select', label: { en: 'Team', fr: 'Équipe' }, required: true,
    options: [{ value: 'eng', label: { en: 'Engineering', fr: 'Ingénierie' } }, { value: 'ops', label: 'Operations' }] },
  { name: 'newsletter', type: 'checkbox', label: { en: 'Send me product news', fr: 'Envoyez-moi les nouveautés' } },
  { name: 'terms', type: 'checkbox', required: true, label: { en: 'I accept the terms of service', fr: 'J’accepte les conditions d’utilisation' } },
];

const field = (el: Element, name: string) => el.querySelector<HTMLInputElement & HTMLSelectElement>(`[name="${name}"]`)!;
const errorOf = (el: Element, name: string) => el.querySelector(`.janua-field-${name} .janua-field-error`)?.textContent?.trim() ?? '';
const labelOf = (el: Element, name: string) => field(el, name).labels![0]!.textContent!.replace(/\s+/g, ' ').trim();

async function mount(attrs: { locale?: string } = {}) {
  const server = await startMethodsServer();
  const el = await fixture<JanuaSignUp>(html`<janua-sign-up .client=${server.client} .fields=${FIELDS} locale=${attrs.locale ?? 'en'}>
    <p slot="legal">By creating an account you accept our <a href="/terms">terms</a> and <a href="/privacy">privacy policy</a>.</p>
  </janua-sign-up>`);
  return { server, el };
}

describe('<janua-sign-up> extras', () => {
  it('is accessible with extra fields and legal links', async () => {
    const { el } = await mount();
    await expect(el).to.be.accessible();
  });

  it('renders each declared field, labelled in the page’s language, with the legal slot under the form', async () => {
    const { el } = await mount();
    expect(['company', 'employee_id', 'team', 'newsletter', 'terms'].map((n) => labelOf(el, n))).to.deep.equal([
      'Company', 'Employee number (optional)', 'Team', 'Send me product news', 'I accept the terms of service',
    ]);
    expect(field(el, 'company').required).to.equal(true);
    expect(field(el, 'company').autocomplete).to.equal('organization');
    expect(field(el, 'team').tagName).to.equal('SELECT');
    expect(field(el, 'terms').type).to.equal('checkbox');
    const legal = el.shadowRoot!.querySelector<HTMLElement>('[part="legal"]')!;
    expect(legal.hidden).to.equal(false);
    expect(legal.querySelector<HTMLSlotElement>('slot[name="legal"]')!.assignedElements()[0]!.textContent).to.contain('privacy policy');
  });

  it('draws the kit’s focus ring on a checkbox reached by keyboard, as on every other field', async () => {
    const { el } = await mount();
    el.style.setProperty('--janua-color-focus', 'rgb(1, 2, 3)');
    // Only a focused window shows a focus ring (Firefox runs concurrent test pages in windows).
    await executeServerCommand('focus-window');
    field(el, 'team').focus();
    await sendKeys({ press: 'Tab' });
    await until(() => deepActive() === field(el, 'newsletter'), 'the checkbox focused');
    const style = getComputedStyle(field(el, 'newsletter'));
    expect(`${style.outlineStyle} ${style.outlineColor}`).to.equal('solid rgb(1, 2, 3)');
  });

  it('validates them natively with localized messages, and sends nothing until they pass', async () => {
    const { el, server } = await mount();
    type(field(el, 'email'), uniqueEmail());
    type(field(el, 'password'), PASSWORD);
    type(field(el, 'employee_id'), 'nope');
    el.submit();
    await until(() => errorOf(el, 'terms') !== '', 'the errors');
    expect(errorOf(el, 'company')).to.equal('Fill in this field.');
    expect(errorOf(el, 'employee_id')).to.equal('Use two capitals and four digits, like AB1234.');
    expect(errorOf(el, 'terms')).to.equal('Tick this box to continue.');
    expect(field(el, 'terms').getAttribute('aria-invalid')).to.equal('true');
    expect(server.received.filter((r) => r.path.endsWith('/auth/signup'))).to.have.length(0);
  });

  it('sends the values as the account’s metadata: strings trimmed, checkboxes as booleans, empty optional ones left out', async () => {
    const { el, server } = await mount();
    const email = uniqueEmail();
    type(field(el, 'email'), email);
    type(field(el, 'password'), PASSWORD);
    type(field(el, 'company'), '  Analytical Engines Ltd ');
    field(el, 'team').value = 'ops';
    field(el, 'team').dispatchEvent(new Event('change', { bubbles: true }));
    field(el, 'terms').click();
    el.submit();
    await until(() => server.client.getSnapshot().status === 'signed-in', 'signed up');
    const sent = JSON.parse(server.received.find((r) => r.path.endsWith('/auth/signup'))!.body);
    expect(sent.metadata).to.deep.equal({ company: 'Analytical Engines Ltd', team: 'ops', newsletter: false, terms: true });
    expect(server.client.getSnapshot().user!.metadata).to.deep.equal(sent.metadata);
  });

  it('takes its fields from a JSON attribute, and leaves out the unusable ones', async () => {
    const server = await startMethodsServer();
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await fixture<JanuaSignUp>(html`<janua-sign-up .client=${server.client}
        fields='[{"name":"role","label":"Role"},{"name":"password","label":"Sneaky"},{"label":"No name"}]'></janua-sign-up>`);
      expect(labelOf(el, 'role')).to.equal('Role (optional)');
      expect(el.querySelectorAll('input[name="password"]').length).to.equal(1);
      expect(warnings.length).to.equal(2);
    } finally {
      console.warn = warn;
    }
  });

  it('speaks French, labels and messages included', async () => {
    const { el } = await mount({ locale: 'fr' });
    await until(() => labelOf(el, 'company') === 'Entreprise', 'the French label');
    // The page's own labels are French at once; the kit's strings once the French catalog is in.
    await until(() => field(el, 'team').options[0]!.textContent!.trim() === 'Choisissez…', 'the French catalog');
    expect(labelOf(el, 'terms')).to.equal('J’accepte les conditions d’utilisation');
    expect([...field(el, 'team').options].map((o) => o.textContent!.trim())).to.deep.equal(['Choisissez…', 'Ingénierie', 'Operations']);
    type(field(el, 'employee_id'), 'x');
    el.submit();
    await until(() => errorOf(el, 'employee_id') !== '', 'the message');
    expect(errorOf(el, 'employee_id')).to.equal('Deux majuscules et quatre chiffres, comme AB1234.');
    await expect(el).to.be.accessible();
  });

  it('offers the server’s social providers under the form', async () => {
    const server = await startMethodsServer({ frontendUrl: location.origin, oauth: { providers: [{ id: 'github', client_id: 'g', client_secret: 's' }] } });
    const el = await fixture<JanuaSignUp>(html`<janua-sign-up .client=${server.client}></janua-sign-up>`);
    await until(() => el.querySelector('.janua-provider-button'), 'the provider button');
    expect(el.querySelector('.janua-provider-button')!.textContent!.trim()).to.equal('Continue with GitHub');
    expect((el.querySelector('.janua-provider-button') as HTMLButtonElement).form === null, 'outside the form').to.equal(true);
    await expect(el).to.be.accessible();
  });

  describe('coming back from a social provider', () => {
    const here = location.href;
    afterEach(() => history.replaceState(null, '', here));

    it('shows the provider’s refusal in the card and cleans the address', async () => {
      // An address of its own: the kit claims each return address once per page, and
      // sign-in-methods.test.ts may share this page.
      history.replaceState(null, '', `${location.pathname}?from=sign-up&janua_return=social&error=access_denied`);
      const server = await startMethodsServer();
      const el = await fixture<JanuaSignUp>(html`<janua-sign-up .client=${server.client}></janua-sign-up>`);
      await until(() => alertOf(el).text.includes('The sign-in was cancelled or refused at the provider.'), 'the error');
      expect(alertOf(el).variant).to.equal('error');
      expect(location.search).to.equal('?from=sign-up');
      await expect(el).to.be.accessible();
    });

    it('takes up the second factor an existing MFA account owes, with focus in the code, then says who is signed in', async () => {
      const server = await startMethodsServer();
      const { email, secret } = await totpAccount(server);
      const answer = await server.app.fetch(new Request('http://janua.test/api/v1/auth/signin', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }),
      })).then((r) => r.json() as Promise<{ mfa_token: string }>);
      history.replaceState(null, '', `${location.pathname}?janua_return=social#mfa_token=${answer.mfa_token}&mfa_methods=totp,backup_code`);
      const events: string[] = [];
      for (const type of ['janua-signed-up', 'janua-signed-in', 'janua-mfa-verified']) document.addEventListener(type, () => events.push(type), { once: true });
      const el = await fixture<JanuaSignUp>(html`<janua-sign-up .client=${server.client}></janua-sign-up>`);
      const code = () => el.querySelector<HTMLInputElement>('janua-mfa-challenge input[name="code"]');
      await until(() => code(), 'the second-factor step');
      await until(() => deepActive() === code(), 'focus in the code field');
      expect(el.querySelector<HTMLElement>('form.janua-form')!.hidden, 'the sign-up form steps aside').to.equal(true);
      expect(location.hash).to.equal('');
      await expect(el).to.be.accessible();
      paste(code()!, await nextCode(secret));
      await until(() => server.client.getSnapshot().status === 'signed-in', 'signed in');
      await until(() => el.shadowRoot!.querySelector('[part="heading"]')?.textContent === 'You are signed in', 'the signed-in card');
      expect(events, 'an existing account signs in, it is not signed up').to.deep.equal(['janua-mfa-verified', 'janua-signed-in']);
    });
  });

  it('leaves a second factor that another card owes to that card (one step on the page, never two)', async () => {
    const server = await startMethodsServer();
    const { email } = await totpAccount(server);
    const el = await fixture<JanuaSignUp>(html`<janua-sign-up .client=${server.client}></janua-sign-up>`);
    expect((await server.client.signIn({ email, password: PASSWORD })).status).to.equal('needs_mfa');
    await el.updateComplete;
    expect(el.querySelector('janua-mfa-challenge') === null, 'no step in the sign-up card').to.equal(true);
    expect(el.querySelector<HTMLElement>('form.janua-form')!.hidden).to.equal(false);
  });
});
