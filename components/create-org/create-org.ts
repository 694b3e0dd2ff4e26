import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { enOrg, type Organization } from '@janua/core';
import { JanuaAuthElement } from '../internal/auth-element.ts';
import { card, CardChrome, focusHeading, noClient } from '../internal/card.ts';
import { cardStyles } from '../internal/card.styles.ts';
import { emit } from '../internal/events.ts';
import { JanuaOrgCreatedEvent, JanuaOrgSwitchedEvent } from '../internal/events-org.ts';
import { FormController } from '../internal/form-controller.ts';
import { LightRegion } from '../internal/light-region.ts';
import { orgsOf } from '../internal/org.ts';
import { hostBase } from '../internal/styles.ts';
import { createOrgStyles } from './create-org.styles.ts';

/** Latin letters that no accent-stripping reaches: they are letters of their own. */
const LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** A slug the server accepts, from a name: "Ça & Co" → "ca-co", "Straße" → "strasse". */
export function slugify(name: string): string {
  return name.toLowerCase().replace(/[ßæœøłđðþı]/g, (c) => LETTERS[c]!).normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+/, '').slice(0, 63).replace(/-+$/, '');
}

/**
 * The form is in light DOM with the kit's stable classes (`janua-form`, `janua-field-name`,
 * `janua-field-slug`, `janua-input`, `janua-hint`, `janua-field-error`, `janua-submit`); select
 * them under the tag, e.g. `janua-create-org .janua-input`.
 *
 * @summary Creates an organization: a name, and an address (slug) suggested from it that stays
 * editable; the server's field errors show under their fields; the new organization becomes the
 * active one. Renders nothing unless a user is signed in.
 * @tag janua-create-org
 * @slot logo - Above the heading; by default the `logo-url` image, if set.
 * @csspart logo - The `logo-url` image (when the `logo` slot is not filled).
 * @slot header - Replaces the heading and subtitle.
 * @csspart card - The surface around everything.
 * @csspart header - The heading area.
 * @csspart heading - The heading (focused once the organization exists).
 * @csspart subtitle - The line under the heading.
 * @csspart alert - The form-level message region.
 * @csspart again-button - "Create another", once done.
 * @cssprop [--janua-create-org-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-create-org-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-create-org-max-width=26rem] - Card width limit.
 * @cssstate pending - The request is in flight.
 * @event {JanuaOrgCreatedEvent} janua-org-created - The organization exists; `detail.organizationId`.
 * @event {JanuaOrgSwitchedEvent} janua-org-switched - It is now the active organization (`detail.role` is `owner`).
 * @event {JanuaErrorEvent} janua-error - A request failed; `detail.code`, `detail.status`.
 */
export class JanuaCreateOrg extends CardChrome(JanuaAuthElement) {
  static override styles = [hostBase, cardStyles, createOrgStyles];
  static override messages = enOrg;

  private readonly form = new FormController(this, { codeFields: { SLUG_TAKEN: 'slug' } });
  /** The organization just created; the card then says so instead of showing the form. */
  private created: Organization | null = null;
  private switched = false;
  /** The user typed an address of their own: the name no longer suggests one. */
  private slugEdited = false;

  constructor() {
    super();
    new LightRegion(this, 'form', () => (this.created || this.auth.status !== 'signed-in' ? nothing : this.renderForm()));
  }

  /** Focuses the name field (or, once done, the heading). */
  override focus(options?: FocusOptions): void {
    if (!this.form.focusFirstField(options)) this.renderRoot?.querySelector<HTMLElement>('.heading')?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.auth.status !== 'signed-in' && this.created) this.again(false);
  }

  private again(focus = true): void {
    this.created = null;
    this.slugEdited = false;
    this.form.reset();
    if (focus) void this.updateComplete.then(() => this.focus());
  }

  private onName(event: InputEvent): void {
    const slug = this.form.form?.elements.namedItem('slug');
    if (!this.slugEdited && slug instanceof HTMLInputElement) slug.value = slugify((event.target as HTMLInputElement).value);
  }

  private onSlug(event: InputEvent): void {
    // Emptied: the name suggests again.
    this.slugEdited = (event.target as HTMLInputElement).value !== '';
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const orgs = orgsOf(this);
    if (!orgs) return;
    const { name = '', slug = '' } = this.form.values();
    void this.form.run(async () => {
      const org = await orgs.create({ name: name.trim(), slug: slug.trim() });
      emit(this, new JanuaOrgCreatedEvent({ organizationId: org.id }));
      // It exists whatever happens next; a failed switch leaves it one click away in the switcher.
      const active = await orgs.switch(org.id).catch(() => null);
      this.created = org;
      this.switched = Boolean(active);
      if (active) emit(this, new JanuaOrgSwitchedEvent({ organizationId: active.id, role: active.role }));
    }).then(async (ok) => {
      if (ok) await focusHeading(this);
    });
  }

  private renderForm(): TemplateResult {
    const f = this.form;
    return html`<form class="janua-form" @submit=${this.onSubmit} @invalid=${f.onInvalid}>
      <fieldset class="janua-fieldset" role="none" ?disabled=${f.pending}>
        ${f.input({ name: 'name', label: this.t('org.field.name'), autocomplete: 'organization', required: true, maxlength: 100,
          onInput: (e) => this.onName(e) })}
        ${f.input({ name: 'slug', label: this.t('org.field.slug'), autocomplete: 'off', required: true, maxlength: 63,
          spellcheck: false, hint: this.t('org.field.slugHint'), onInput: (e) => this.onSlug(e) })}
        ${f.submit({ label: this.t('org.create'), pendingLabel: this.t('org.create.pending') })}
      </fieldset>
    </form>`;
  }

  protected override render(): TemplateResult | typeof nothing {
    if (!this.auth.client) return noClient(this);
    if (this.auth.status !== 'signed-in') return nothing;
    const done = this.created;
    return card({
      host: this,
      heading: this.t(done ? 'org.created' : 'org.create.title'),
      subtitle: !done ? this.t('org.create.subtitle') : this.switched ? this.t('org.created.text', { name: done.name }) : done.name,
      form: this.form,
      body: done ? html`<button type="button" class="again" part="again-button" @click=${() => this.again()}
        >${this.t('org.create.another')}</button>` : html`<slot></slot>`,
    });
  }
}
