import { expect, fixture, html } from '@open-wc/testing';
import { en, errorKey, format, JanuaClient, loadCatalog, type ApiErrorCode } from '@janua/core';
import '../../components/index.ts';
import { JanuaElement } from '../../components/internal/janua-element.ts';
import type { JanuaSignIn } from '../../components/sign-in/sign-in.ts';
import { until } from './helpers.ts';

const offline = () => new JanuaClient({ api: 'http://i18n.test', restore: false, crossTab: false });
const heading = (el: Element) => el.shadowRoot!.querySelector('[part="heading"]')!.textContent!.trim();
const label = (el: Element, name: string) =>
  el.querySelector<HTMLInputElement>(`input[name="${name}"]`)!.labels![0]!.textContent!.trim();

describe('localization', () => {
  afterEach(() => document.documentElement.setAttribute('lang', 'en'));

  it('is accessible in French', async () => {
    const el = await fixture<JanuaSignIn>(html`<janua-sign-in locale="fr" .client=${offline()}></janua-sign-in>`);
    await until(() => heading(el) === 'Connexion', 'the French catalog');
    await expect(el).to.be.accessible();
  });

  it('has a message for every API error code and a generic fallback', () => {
    const codes: Record<ApiErrorCode, true> = {
      VALIDATION_ERROR: true, INVALID_CREDENTIALS: true, ACCOUNT_LOCKED: true, RATE_LIMITED: true,
      EMAIL_TAKEN: true, WEAK_PASSWORD: true, INVALID_TOKEN: true, INVALID_MFA_CODE: true,
      UNAUTHORIZED: true, FORBIDDEN: true, NOT_FOUND: true, PAYLOAD_TOO_LARGE: true,
      INTERNAL_ERROR: true, SERVICE_UNAVAILABLE: true, NETWORK_ERROR: true,
      BAD_REQUEST: true, HTTP_ERROR: true, INVALID_RESPONSE: true, CLIENT_ERROR: true,
      USERNAME_TAKEN: true, INVALID_JSON: true, UNSUPPORTED_MEDIA_TYPE: true,
      MFA_ALREADY_ENABLED: true, MFA_NOT_ENABLED: true, MFA_METHOD_UNAVAILABLE: true,
      SLUG_TAKEN: true, LAST_OWNER: true, ALREADY_MEMBER: true, INVITATION_NOT_PENDING: true,
      MFA_EXPIRED: true, PASSKEY_CANCELLED: true, PASSKEY_UNSUPPORTED: true, PASSKEY_ALREADY_REGISTERED: true,
      PASSKEY_FAILED: true,
    };
    for (const code of Object.keys(codes)) {
      expect(errorKey(code), code).to.equal(`error.${code}`);
      expect(en[errorKey(code)]).to.be.a('string').and.not.equal(en['error.generic']);
    }
    expect(errorKey('SOMETHING_NEW')).to.equal('error.generic');
    expect(errorKey(undefined)).to.equal('error.generic');
  });

  it('formats placeholders and leaves unknown ones visible', () => {
    expect(format('Use {min} to {max} characters.', { min: 8, max: 128 })).to.equal('Use 8 to 128 characters.');
    expect(format('Hello {name}', {})).to.equal('Hello {name}');
  });

  it('loads other locales on demand, by base language, and falls back to English', async () => {
    const fr = await loadCatalog('fr-CA');
    expect(fr!['signIn.title']).to.equal('Connexion');
    expect(await loadCatalog('en-GB')).to.equal(null);
    expect(await loadCatalog('xx')).to.equal(null);
  });

  it('follows the locale attribute, then <html lang>, and keeps English for missing keys', async () => {
    const el = await fixture<JanuaSignIn>(html`<janua-sign-in .client=${offline()}></janua-sign-in>`);
    expect(heading(el)).to.equal('Sign in');
    el.locale = 'fr';
    await until(() => heading(el) === 'Connexion', 'French via the attribute');
    expect(label(el, 'password')).to.equal('Mot de passe');
    el.locale = undefined;
    await until(() => heading(el) === 'Sign in', 'back to the page language');
    document.documentElement.lang = 'fr-FR';
    await until(() => heading(el) === 'Connexion', 'French via <html lang>');
  });

  it('overrides any string per element and page-wide', async () => {
    const el = await fixture<JanuaSignIn>(html`<janua-sign-in .client=${offline()}
      .strings=${{ 'signIn.title': 'Log in to Acme' }}></janua-sign-in>`);
    expect(heading(el)).to.equal('Log in to Acme');
    JanuaElement.setStrings('en', { 'field.email': 'Work email' });
    await until(() => label(el, 'email') === 'Work email', 'the page-wide override');
    // The element's own strings beat the page-wide ones.
    JanuaElement.setStrings('en', { 'signIn.title': 'Page title' });
    await el.updateComplete;
    expect(heading(el)).to.equal('Log in to Acme');
    JanuaElement.setStrings('en', { 'field.email': en['field.email'], 'signIn.title': en['signIn.title'] });
  });

  it('localizes validation messages', async () => {
    const el = await fixture<JanuaSignIn>(html`<janua-sign-in locale="fr" .client=${offline()}></janua-sign-in>`);
    await until(() => heading(el) === 'Connexion', 'French');
    el.submit();
    await el.updateComplete;
    const email = el.querySelector<HTMLInputElement>('input[name="email"]')!;
    const error = document.getElementById(email.getAttribute('aria-describedby')!)!;
    expect(error.textContent).to.equal('Remplissez ce champ.');
  });
});
