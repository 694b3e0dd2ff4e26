import { html, nothing, type CSSResultGroup, type PropertyDeclarations, type TemplateResult } from 'lit';
import { account, enAccount, enPassword, type PartialCatalog, type User } from '@janua/core';
import { button, cardKnobs, item, passwordFields, placeholder, reauthAction, stepForm } from '../internal/account-element.ts';
import { accountLightStyles } from '../internal/account.styles.ts';
import { JanuaAuthElement } from '../internal/auth-element.ts';
import { card, noClient } from '../internal/card.ts';
import { cardStyles } from '../internal/card.styles.ts';
import { emit } from '../internal/events.ts';
import {
  JanuaAccountDeletedEvent, JanuaPasswordChangedEvent, JanuaProfileUpdatedEvent, JanuaVerificationSentEvent,
} from '../internal/events-account.ts';
import { FormController } from '../internal/form-controller.ts';
import { checkboxField } from '../internal/choice-fields.ts';
import { LightRegion, REGION_ATTR } from '../internal/light-region.ts';
import { newPasswordField } from '../internal/new-password.ts';
import { nameOrder } from '../internal/person-name.ts';
import { downloadText } from '../internal/save-file.ts';
import type { Strength } from '../internal/strength.ts';
import { adoptLightStyles, hostBase } from '../internal/styles.ts';

/** The sections of `<janua-user-profile>`, in order; `sections="…"` picks some. */
export const PROFILE_SECTIONS = ['profile', 'email', 'password', 'two-factor', 'passkeys', 'sessions', 'danger'] as const;
export type ProfileSection = (typeof PROFILE_SECTIONS)[number];
export type FormSection = 'profile' | 'email' | 'password' | 'danger';
const HEADINGS = { profile: 'account.profile', email: 'field.email', password: 'field.password', danger: 'account.danger' } as const;

/** A section element's shadow styles, with its knobs (`--janua-<name>-gap|padding|max-width`). */
export const sectionStyles = (name: string): CSSResultGroup => [hostBase, cardStyles, cardKnobs(name)];

/**
 * The account sections of `<janua-user-profile>` and of the elements that are one of them alone
 * (`<janua-profile-details>`, `<janua-email-settings>`, `<janua-change-password>`,
 * `<janua-danger-zone>`): one class, so a section alone is exactly the card it is in the profile.
 * Each section's content is in light DOM (`[data-janua-region="<section>"]`), where password
 * managers see the password fields, with the form classes of `<janua-sign-in>`; the section cards
 * are in the shadow root. Each subclass documents its own parts, knobs and events: nothing here is
 * in the manifest for them to inherit.
 */
export abstract class JanuaAccountSections extends JanuaAuthElement {
  static override properties: PropertyDeclarations = { dangerStep: { state: true } };
  static override messages: PartialCatalog = { ...enAccount, ...enPassword };

  /**
   * The one section a section element shows; `<janua-user-profile>` has none and reads
   * `sections`. A getter, so the constructor knows it and makes that section's region only.
   */
  protected get only(): FormSection | undefined {
    return undefined;
  }
  private declare dangerStep: string;
  private readonly forms = {} as Record<FormSection, FormController>;
  private readonly strength: { strength: Strength } = { strength: 'empty' };
  private deleted = false;
  private lastUser: string | undefined;

  constructor() {
    super();
    this.dangerStep = '';
    for (const name of this.only ? [this.only] : PROFILE_SECTIONS) {
      new LightRegion(this, name, () => this.region(name), name);
      if (name in HEADINGS) {
        this.forms[name as FormSection] = new FormController(this, {
          selector: `:scope > [data-janua-region="${name}"] > form`,
          codeFields: { USERNAME_TAKEN: 'username', WEAK_PASSWORD: 'new_password' },
          alert: `#${name}-alert`,
        });
      }
    }
  }

  /**
   * Signed out, the confirmation step is left and the sections' messages go with the session;
   * signed in again, the account is not the deleted one.
   */
  protected override willUpdate(): void {
    const status = this.auth.status;
    const user = this.auth.snapshot?.user?.id;
    if (status === 'signed-in') this.deleted = false;
    // Another account signed in (in another tab): its confirmation is not this one's.
    if (status === 'signed-out' || (user && this.lastUser && user !== this.lastUser)) {
      this.dangerStep = '';
      for (const f of Object.values(this.forms)) if (f.message || f.notice) f.reset();
    }
    this.lastUser = user;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLightStyles(this, accountLightStyles);
  }

  protected shown(name: ProfileSection): boolean {
    return name === this.only;
  }

  private region(name: ProfileSection): TemplateResult | typeof nothing {
    const { client, status } = this.auth;
    if (!client || status === 'signed-out' || !this.shown(name)) return nothing;
    const user = status === 'signed-in' ? this.auth.snapshot!.user! : null;
    const { locale, strings } = this;
    switch (name) {
      case 'profile': return this.profile(user);
      case 'email': return user ? this.email(user) : placeholder(this);
      case 'password': return this.password(user);
      case 'two-factor': return html`<janua-mfa-setup .client=${client} .locale=${locale} .strings=${strings}></janua-mfa-setup>`;
      case 'passkeys': return html`<janua-passkey-manager .client=${client} .locale=${locale} .strings=${strings}></janua-passkey-manager>`;
      case 'sessions': return html`<janua-session-list .client=${client} .locale=${locale} .strings=${strings}></janua-session-list>`;
      default: return this.danger(user);
    }
  }

  private profile(user: User | null): TemplateResult {
    const f = this.forms.profile;
    const t = this.t.bind(this);
    f.follow(user?.id ?? '', JSON.stringify([user?.firstName, user?.lastName, user?.username, user?.profileImageUrl]));
    return stepForm(this, f, {
      fields: html`<div class="janua-row">
          ${nameOrder(this, f.input({ name: 'first_name', label: t('field.firstName'), autocomplete: 'given-name', optional: true, maxlength: 100,
            value: user?.firstName ?? '' }), f.input({ name: 'last_name', label: t('field.lastName'), autocomplete: 'family-name', optional: true, maxlength: 100,
            value: user?.lastName ?? '' }))}
        </div>
        ${f.input({ name: 'username', label: t('account.username'), autocomplete: 'nickname', optional: true,
          minlength: 3, maxlength: 32, spellcheck: false, value: user?.username ?? '' })}
        ${f.input({ name: 'profile_image_url', type: 'url', label: t('account.picture'), autocomplete: 'photo', optional: true,
          value: user?.profileImageUrl ?? '' })}`,
      submit: t('account.save'), disabled: !user,
      run: async (v) => {
        const picture = v['profile_image_url']!.trim() || null;
        const asked = picture === user!.profileImageUrl ? undefined : picture;
        const saved = await account(this.auth.client!).update({
          firstName: v['first_name']!.trim() || null, lastName: v['last_name']!.trim() || null,
          username: v['username']!.trim() || null, ...(asked === undefined ? {} : { profileImageUrl: asked }),
        });
        emit(this, new JanuaProfileUpdatedEvent({ userId: saved.id }));
        f.setNotice(t('account.saved'));
        // API.md's PATCH has no picture field: a server that ignores it says so by its answer.
        if (asked !== undefined && saved.profileImageUrl !== asked) f.setErrors({ profile_image_url: t('account.pictureOff') });
        return () => this.refocus(f);
      },
    });
  }

  private email(user: User): TemplateResult {
    const f = this.forms.email;
    const t = this.t.bind(this);
    const verified = user.emailVerified;
    return html`<ul class="janua-list">${item(user.email, t(verified ? 'account.verified' : 'account.unverified'), verified ? nothing
      : button(t('account.resend'), () => void f.run(async () => {
        await account(this.auth.client!).resendVerification();
        emit(this, new JanuaVerificationSentEvent({}));
        f.setNotice(t('account.sent', { email: user.email }));
      }).then(() => this.refocus(f, 'email')), 'secondary', f.pending))}</ul>`;
  }

  private password(user: User | null): TemplateResult {
    const f = this.forms.password;
    const t = this.t.bind(this);
    return stepForm(this, f, {
      fields: html`${passwordFields(this, f, nothing, 'current_password')}
        ${newPasswordField(this, f, this.strength)}
        ${checkboxField(this, f, { name: 'sign_out_others', label: t('account.signOutOthers'), checked: true })}`,
      submit: t(user?.hasPassword === false ? 'account.setPassword' : 'account.changePassword'), disabled: !user,
      run: async (v) => {
        const { revokedCount } = await account(this.auth.client!).changePassword({
          currentPassword: v['current_password']!, newPassword: v['new_password']!, revokeOtherSessions: Boolean(v['sign_out_others']),
        });
        // The hidden username is the input's default value, so the reset keeps it for password managers.
        f.form!.reset();
        this.strength.strength = 'empty';
        emit(this, new JanuaPasswordChangedEvent({ revokedCount }));
        f.setNotice(t('account.saved'));
        return () => this.refocus(f);
      },
    });
  }

  private danger(user: User | null): TemplateResult {
    const f = this.forms.danger;
    const t = this.t.bind(this);
    const client = this.auth.client!;
    if (this.dangerStep) {
      return html`<p class="janua-text">${t('account.deleteText')}</p>${stepForm(this, f, {
        fields: passwordFields(this, f), submit: t('account.delete'), danger: true, cancel: () => void this.goDanger(''),
        run: async (v) => {
          await account(client).deleteAccount(v['password']!);
          this.deleted = true;
          emit(this, new JanuaAccountDeletedEvent({ userId: user!.id }));
          return () => this.focusHeading();
        },
      })}`;
    }
    const busy = f.pending || !user;
    const module = account(client);
    const download = async () => {
      // A server without the export (ext) answers 404: the button goes; say why, where it was.
      const data = await module.exportData().catch((error: unknown) => {
        if (module.exportAvailable) throw error;
      });
      if (data) downloadText('account-data.json', JSON.stringify(data, null, 2), 'application/json');
      f.setNotice(t(data ? 'account.saved' : 'account.exportUnavailable'));
      if (!data) this.focusHeading('danger');
    };
    return html`<div class="janua-actions">${module.exportAvailable
      ? button(t('account.export'), () => void f.run(download).then(() => this.refocus(f, 'danger')), 'secondary', busy)
      : nothing}${button(t('account.delete'), () => void this.goDanger('delete'), 'danger', busy)}</div>`;
  }

  private async goDanger(step: string): Promise<void> {
    this.dangerStep = step;
    this.forms.danger.reset();
    await this.updateComplete;
    // Back from the confirmation: on the button that opened it.
    const opener = step ? null : this.querySelector<HTMLElement>(`[${REGION_ATTR}="danger"] [data-variant="danger"]`);
    if (opener) opener.focus();
    else if (!this.forms.danger.focusFirstField()) this.focusHeading('danger');
  }

  /**
   * After a request: its button (or the form's fieldset) was disabled meanwhile, which left focus
   * on the page; it goes back to a field the answer found wrong, else to the submit button, else
   * (a section without a form: resend, download) to the section's first button.
   */
  private async refocus(f: FormController, section?: FormSection): Promise<void> {
    await this.updateComplete;
    if (document.activeElement !== document.body || f.focusFirstInvalid()) return;
    (f.form?.querySelector<HTMLElement>('.janua-submit')
      ?? this.querySelector<HTMLElement>(`[${REGION_ATTR}="${section}"] button:enabled`))?.focus();
  }

  private focusHeading(name?: string): void {
    this.renderRoot.querySelector<HTMLElement>(name ? `#${name}-heading` : '.heading')?.focus();
  }

  private section(name: FormSection): TemplateResult | typeof nothing {
    if (!this.shown(name)) return nothing;
    const f = this.forms[name];
    const error = f.message;
    // In the profile each section is a region to move between; alone it is one card, as the other
    // account elements are, and the page names its own landmarks (two regions of one name would clash).
    return html`<section class="card" part="section ${name}-section" aria-labelledby=${this.only ? nothing : `${name}-heading`}>
      <h2 class="heading" part="heading" id="${name}-heading" tabindex="-1">${this.t(HEADINGS[name])}</h2>
      <slot name=${name}></slot>
      <janua-alert part="alert" id="${name}-alert" variant=${error ? 'error' : 'info'} .message=${error || f.notice}>${
        error ? reauthAction(this, f) : nothing}</janua-alert>
    </section>`;
  }

  protected override render(): TemplateResult {
    const { client, status } = this.auth;
    if (!client) return noClient(this);
    const t = this.t.bind(this);
    if (status === 'signed-out') {
      return card({ host: this, heading: t(HEADINGS[this.only ?? 'profile']), body: html`<p class="subtitle" part="subtitle">${
        t(this.deleted ? 'account.deleted' : 'account.signInFirst')}</p>` });
    }
    return html`<div class="sections">
      ${this.section('profile')}
      ${this.section('email')}
      ${this.section('password')}
      ${(['two-factor', 'passkeys', 'sessions'] as const).map((n) => (this.shown(n) ? html`<slot name=${n}></slot>` : nothing))}
      ${this.section('danger')}
    </div>`;
  }
}
