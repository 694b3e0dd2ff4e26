import { expect, fixture, html } from '@open-wc/testing';
import { type PropertyDeclarations, type TemplateResult } from 'lit';
import { JanuaError } from '@janua/core';
import '../../components/sign-in/define.ts';
import '../../components/sign-up/define.ts';
import type { JanuaSignIn } from '../../components/sign-in/sign-in.ts';
import { JanuaElement } from '../../components/internal/janua-element.ts';
import { FormController } from '../../components/internal/form-controller.ts';
import { checkboxField, selectField } from '../../components/internal/choice-fields.ts';
import { LightRegion } from '../../components/internal/light-region.ts';
import { card } from '../../components/internal/card.ts';
import { cardStyles } from '../../components/internal/card.styles.ts';
import { createAccount, PASSWORD, startServer, type, until } from './helpers.ts';

/*
 * The building blocks every form element is made of: the light-DOM region, the form controller
 * and its field kinds, and the card. A test-only element uses them exactly as the kit's do.
 */
class TestForm extends JanuaElement {
  static override properties: PropertyDeclarations = { plan: {} };
  static override styles = cardStyles;
  declare plan: string;
  readonly form = new FormController(this, { codeFields: { SLUG_TAKEN: 'slug' }, aliases: { organization_slug: 'slug' } });
  submitted: Record<string, string>[] = [];
  next: (() => Promise<void>) | null = null;

  constructor() {
    super();
    this.plan = 'pro';
    new LightRegion(this, 'form', () => this.renderForm());
  }

  private renderForm(): TemplateResult {
    const f = this.form;
    return html`<form class="janua-form" @invalid=${f.onInvalid} @submit=${(e: Event) => {
      e.preventDefault();
      this.submitted.push(f.values());
      if (this.next) void f.run(this.next);
    }}><fieldset class="janua-fieldset" role="none" ?disabled=${f.pending}>
      ${f.input({ name: 'code', label: 'Code', autocomplete: 'one-time-code', inputmode: 'numeric', pattern: '[0-9]{6}', required: true })}
      ${f.input({ name: 'slug', label: 'Address', autocomplete: 'off', value: 'acme', spellcheck: false })}
      ${selectField(this, f, { name: 'plan', label: 'Plan', value: this.plan, options: [{ value: 'free', label: 'Free' }, { value: 'pro', label: 'Pro' }] })}
      ${checkboxField(this, f, { name: 'terms', label: 'I accept the terms', required: true })}
      ${f.submit({ label: 'Send', pendingLabel: 'Sending…' })}
    </fieldset></form>`;
  }

  protected override render(): TemplateResult {
    return card({ host: this as never, heading: 'Test form', form: this.form, body: html`<slot></slot>` });
  }
}
customElements.define('test-form', TestForm);

const q = <T extends Element>(el: Element, selector: string) => el.querySelector<T>(selector)!;

describe('form foundation', () => {
  it('is accessible with every field kind', async () => {
    const el = await fixture<TestForm>(html`<test-form></test-form>`);
    await expect(el).to.be.accessible();
  });

  it('renders value, inputmode, pattern, checkbox and select, each with a real label', async () => {
    const el = await fixture<TestForm>(html`<test-form></test-form>`);
    const code = q<HTMLInputElement>(el, 'input[name="code"]');
    // The attribute, which autofill reads: Firefox's `autocomplete` property drops tokens it does
    // not know, one-time-code among them.
    expect([code.inputMode, code.pattern, code.getAttribute('autocomplete')]).to.deep.equal(['numeric', '[0-9]{6}', 'one-time-code']);
    const slug = q<HTMLInputElement>(el, 'input[name="slug"]');
    expect(slug.value).to.equal('acme');
    expect(slug.getAttribute('spellcheck')).to.equal('false');
    const select = q<HTMLSelectElement>(el, 'select[name="plan"]');
    expect(select.value).to.equal('pro');
    const terms = q<HTMLInputElement>(el, 'input[name="terms"]');
    expect(terms.type).to.equal('checkbox');
    for (const control of [code, slug, select, terms]) {
      expect(control.labels!.length, control.name).to.equal(1);
      expect(control.getRootNode()).to.equal(document);
    }
  });

  it('keeps what the user typed over a prefilled value across re-renders', async () => {
    const el = await fixture<TestForm>(html`<test-form></test-form>`);
    const slug = q<HTMLInputElement>(el, 'input[name="slug"]');
    type(slug, 'typed-by-user');
    el.plan = 'free';
    await el.updateComplete;
    expect(slug.value).to.equal('typed-by-user');
    expect(q<HTMLSelectElement>(el, 'select').value).to.equal('free');
  });

  it('localizes native validation for a pattern and an unticked required checkbox', async () => {
    const el = await fixture<TestForm>(html`<test-form></test-form>`);
    type(q<HTMLInputElement>(el, 'input[name="code"]'), '12ab');
    el.form.form!.requestSubmit();
    await el.updateComplete;
    const error = (name: string) => q(el, `#${CSS.escape(el.form.id(name))}-error`).textContent!.trim();
    expect(error('code')).to.equal('Check this field.');
    expect(error('terms')).to.equal('Tick this box to continue.');
    expect(q(el, 'input[name="terms"]').getAttribute('aria-describedby')).to.contain(`${el.form.id('terms')}-error`);
    expect(el.submitted).to.have.length(0);
  });

  it('submits checkbox and select values, and places a 422 under its field, localized by type', async () => {
    const el = await fixture<TestForm>(html`<test-form></test-form>`);
    el.locale = 'fr';
    await until(() => el.l10n.t('field.email') === 'Adresse e-mail', 'the French catalog');
    type(q<HTMLInputElement>(el, 'input[name="code"]'), '123456');
    q<HTMLInputElement>(el, 'input[name="terms"]').click();
    el.next = async () => {
      throw new JanuaError({
        code: 'VALIDATION_ERROR', message: 'x', status: 422,
        details: { validation_errors: [{ field: 'organization_slug', message: 'That slug is taken', type: 'taken' }] },
      });
    };
    el.form.form!.requestSubmit();
    expect(el.submitted[0]).to.deep.equal({ code: '123456', slug: 'acme', plan: 'pro', terms: 'on' });
    const slug = q<HTMLInputElement>(el, 'input[name="slug"]');
    await until(() => slug.getAttribute('aria-invalid') === 'true', 'the slug error');
    await until(() => q(el, `#${CSS.escape(el.form.id('slug'))}-error`).textContent!.includes('organisation'), 'the French message');
    expect(document.activeElement).to.equal(slug);
  });

  it('shows a code mapped to a field under it, and disables everything while pending', async () => {
    const el = await fixture<TestForm>(html`<test-form></test-form>`);
    type(q<HTMLInputElement>(el, 'input[name="code"]'), '123456');
    q<HTMLInputElement>(el, 'input[name="terms"]').click();
    let release: () => void = () => undefined;
    el.next = () => new Promise<void>((_, reject) => {
      release = () => reject(new JanuaError({ code: 'SLUG_TAKEN', message: 'x', status: 400 }));
    });
    el.form.form!.requestSubmit();
    await el.updateComplete;
    const button = q<HTMLButtonElement>(el, 'button[type="submit"]');
    expect(button.getAttribute('aria-busy')).to.equal('true');
    expect(button.textContent!.trim()).to.equal('Sending…');
    expect(q<HTMLInputElement>(el, 'input[name="code"]').matches(':disabled')).to.equal(true);
    expect(el.matches(':state(pending)')).to.equal(true);
    release();
    const slug = q<HTMLInputElement>(el, 'input[name="slug"]');
    await until(() => slug.getAttribute('aria-invalid') === 'true', 'the field error');
    expect(q(el, `#${CSS.escape(el.form.id('slug'))}-error`).textContent).to.contain('organization address is taken');
    expect(el.matches(':state(pending)')).to.equal(false);
  });

  it('keeps an id the author gave the element as the base of its field ids', async () => {
    const el = await fixture<TestForm>(html`<test-form id="org-form"></test-form>`);
    expect(q(el, 'input[name="code"]').id).to.equal('org-form-code');
    expect(el.id).to.equal('org-form');
  });
});

describe('light-DOM regions', () => {
  it('survive replaceChildren(): the same form comes back with what was typed', async () => {
    const server = await startServer();
    const el = await fixture<JanuaSignIn>(html`<janua-sign-in .client=${server.client}></janua-sign-in>`);
    const form = q<HTMLFormElement>(el, 'form');
    type(q<HTMLInputElement>(el, 'input[name="email"]'), 'kept@example.com');
    el.replaceChildren();
    await until(() => el.querySelector('form') === form, 'the form back in place');
    expect(q<HTMLInputElement>(el, 'input[name="email"]').value).to.equal('kept@example.com');
    // An author's child survives next to ours, and ours stays apart from it.
    const note = document.createElement('p');
    note.textContent = 'Author note';
    el.replaceChildren(note);
    await until(() => el.querySelector('form') === form, 'the form back after a framework re-render');
    expect([...el.children].map((c) => c.localName)).to.deep.equal(['p', 'div']);
    expect(el.querySelector('[data-janua-region="form"]')!.contains(form)).to.equal(true);
    // Still a working form: sign in through it.
    const email = await createAccount(server.client);
    type(q<HTMLInputElement>(el, 'input[name="email"]'), email);
    type(q<HTMLInputElement>(el, 'input[name="password"]'), PASSWORD);
    q<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await until(() => server.client.getSnapshot().status === 'signed-in', 'signed in');
  });

  it('give two forms on a page distinct ids, each label paired with its own input', async () => {
    const server = await startServer();
    const el = await fixture(html`<div><janua-sign-in .client=${server.client}></janua-sign-in>
      <janua-sign-up .client=${server.client}></janua-sign-up></div>`);
    const ids = [...el.querySelectorAll('input')].map((i) => i.id);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const label of el.querySelectorAll('label')) {
      expect(label.control, label.htmlFor).to.exist;
      expect(label.closest('janua-sign-in, janua-sign-up')).to.equal(label.control!.closest('janua-sign-in, janua-sign-up'));
    }
  });
});
