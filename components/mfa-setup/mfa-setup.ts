import { html, nothing, type TemplateResult } from 'lit';
import { enAccount, enMfa, JanuaError, mfa, type ApiMfaCodeRefusal, type MfaModule, type MfaSetup, type MfaStatus, type PartialCatalog } from '@janua/core';
import {
  accountStyles, button, cardKnobs, codeField, item, JanuaAccountElement, loaded, passwordFields, placeholder, stepForm,
} from '../internal/account-element.ts';
import { emit } from '../internal/events.ts';
import { JanuaMfaDisabledEvent, JanuaMfaEnabledEvent } from '../internal/events-account.ts';
import { ResourceController } from '../internal/resource-controller.ts';
import { copyText } from '../internal/save-file.ts';
import { refusalMessage } from '../mfa-challenge/refusal.ts';

/**
 * The card (heading, alert) is in the shadow root; the steps are in light DOM, where password
 * managers find the password fields: `janua-list` / `janua-item` (the factors), `janua-qr` (the
 * server's QR code), `janua-secret` (the setup key in groups of four), and the form classes of
 * `<janua-sign-in>` (`janua-form`, `janua-input`, …). Select them under the tag.
 *
 * @summary Turns two-step verification on and off: an authenticator app (the server's QR code and
 * the setup key, a first code to prove it works, then the backup codes) or text-message codes.
 * Every change asks for the password again; turning off also asks for a code, which an account
 * whose only factor is text messages can have texted to it ("Text me a code"). Text messages are
 * not offered by a server without them (docs/api.md, ext).
 * @tag janua-mfa-setup
 * @slot logo - Above the heading: a logo of the page's own (this card has no `logo-url`).
 * @slot header - Replaces the heading and its subtitle, if any.
 * @csspart card - The surface around everything.
 * @csspart header - The heading area.
 * @csspart heading - The heading (focused when a step has no field).
 * @csspart alert - Status and error messages.
 * @cssprop [--janua-mfa-setup-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-mfa-setup-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-mfa-setup-max-width=36rem] - Card width limit.
 * @cssstate pending - A request is in flight.
 * @event {JanuaMfaEnabledEvent} janua-mfa-enabled - A factor was turned on; `detail.method` is `totp` or `sms`.
 * @event {JanuaMfaDisabledEvent} janua-mfa-disabled - Two-step verification was turned off.
 * @event {JanuaBackupCodesSavedEvent} janua-backup-codes-saved - After setup, the user confirmed saving the codes.
 * @event {JanuaErrorEvent} janua-error - A request failed; `detail.code`, `detail.status`.
 */
export class JanuaMfaSetup extends JanuaAccountElement {
  static override styles = [...accountStyles, cardKnobs('mfa-setup')];
  /** The MFA step's strings too: a refused first code is said as the sign-in step says it. */
  static override messages: PartialCatalog = { ...enAccount, ...enMfa };

  private readonly status = new ResourceController<MfaStatus>(this, (c) => mfa(c).status);
  /** The setup answer, only between "Continue" and "Done": never stored, never in an event. */
  private setup: MfaSetup | null = null;
  /** The number a code was texted to, kept for "Send a new code" (which asks for the password again). */
  private phone = '';

  constructor() {
    // A refused code (the app's first, the phone's, or the one that turns two-step off) says why,
    // as the sign-in step does, when the server gives a reason (ext); without one, the plain
    // message of INVALID_MFA_CODE. Turning off takes any factor: a backup code is the long one,
    // and six digits are the app's when there is one (the server tries them as TOTP first).
    super({
      // Said under the code field, which is marked invalid and takes focus, as in the sign-in step.
      codeFields: { INVALID_MFA_CODE: 'code' },
      describe: (error) => {
        const reason = error.details['reason'];
        const step = this.step;
        // A phone's code dies after its 5th wrong try; from then on even the right one is refused.
        if (step === 'sms-code' && reason === 'invalid' && error.details['attempts_remaining'] === 0) return this.t('mfa.error.usedUpSms');
        return error.code === 'INVALID_MFA_CODE' && typeof reason === 'string'
          ? refusalMessage(this.l10n, reason as ApiMfaCodeRefusal, step === 'disable'
            ? this.querySelector<HTMLInputElement>('[name=code]')!.value.length > 8 ? 'backup_code'
              : this.status.data?.methods.includes('totp') ? 'totp' : 'sms'
            : step === 'scan' ? 'totp' : 'sms') : undefined;
      },
    });
  }

  protected heading(): string {
    return this.t('account.mfa');
  }

  protected override loading(): TemplateResult {
    return placeholder(this, 2);
  }

  protected override forget(): void {
    this.setup = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Nobody is looking any more: the secret and the codes go.
    this.setup = null;
    if (this.step) this.step = '';
  }

  /**
   * An account without a password has nothing to confirm with: "Set up" goes straight to the QR
   * code. Refused, the card's alert says why; and if the server asked for a password after all
   * (one was set on another device), the password step is where it can be typed.
   */
  private async startApp(module: MfaModule): Promise<void> {
    const ok = await this.form.run(async () => void (this.setup = (await this.forThisAccount(() => module.enable())) ?? null));
    if (ok && this.setup) await this.go('scan');
    else if (!ok && this.auth.snapshot?.user?.hasPassword) await this.go('app');
  }

  /** Back to the overview; the secret and the codes are dropped. */
  private done(notice = ''): void {
    this.setup = null;
    this.back(notice);
  }

  protected body(): TemplateResult | typeof nothing {
    const t = this.t.bind(this);
    const f = this.form;
    const module = mfa(this.auth.client!);
    const cancel = () => this.done();
    const step = this.step;
    const setup = this.setup;
    if (step === 'codes') {
      return html`<janua-backup-codes embedded .client=${this.auth.client} .locale=${this.locale} .strings=${this.strings}
        .codes=${setup?.backupCodes} @janua-backup-codes-saved=${() => this.done(t('account.mfaOn'))}></janua-backup-codes>`;
    }
    if (step === 'scan' && setup) {
      // The code field, which takes focus, is described by what to do: a screen reader says it there.
      return html`<p class="janua-text" id=${f.id('scan')}>${t('account.scan')}</p>
        <img class="janua-qr" src=${setup.qrCode} alt=${t('account.qr')}>
        <p class="janua-muted">${t('account.key')}</p>
        <p class="janua-secret">${setup.secret.match(/.{1,4}/g)!.join(' ')}</p>
        <div class="janua-actions">${button(t('account.copy'), () => void this.copied(copyText(setup.secret)))}</div>
        ${stepForm(this, f, {
          fields: codeField(this, f, true, f.id('scan')), submit: t('account.verify'), cancel,
          run: async (v) => {
            await module.confirm(v['code']!);
            emit(this, new JanuaMfaEnabledEvent({ method: 'totp' }));
            return () => this.go('codes');
          },
        })}`;
    }
    if (step === 'disable') {
      // Text-message codes are the only factor and no backup code is left: the account has no
      // code at hand, so turning off without one has the server text one (422, `sms_sent`).
      const s = this.status.data;
      const textable = Boolean(s?.methods.includes('sms') && !s.methods.includes('totp') && !s.backupCodesRemaining);
      // The same submit with the code left out (so the password is still checked first).
      const textCode = () => {
        const form = f.form;
        if (!form) return;
        form.querySelector<HTMLInputElement>('input[name="code"]')!.value = '';
        form.requestSubmit();
      };
      return stepForm(this, f, {
        fields: passwordFields(this, f, html`${codeField(this, f, !textable)}${textable ? html`<div class="janua-actions">${
          button(t('account.textCode'), textCode, 'secondary', f.pending)}</div>` : nothing}`),
        submit: t('account.turnOff'), danger: true, cancel,
        run: async (v) => {
          try {
            await module.disable({ password: v['password']!, code: v['code'] || undefined });
          } catch (error) {
            if (!(textable && JanuaError.is(error) && error.details['sms_sent'])) throw error;
            return () => {
              f.setNotice(t('account.codeTexted'));
              this.querySelector<HTMLInputElement>('input[name="code"]')?.focus();
            };
          }
          emit(this, new JanuaMfaDisabledEvent({}));
          return () => this.done(t('account.mfaOff'));
        },
      });
    }
    if (step === 'app') {
      return stepForm(this, f, {
        fields: passwordFields(this, f), submit: t('account.continue'), cancel,
        run: async (v) => {
          this.setup = (await this.forThisAccount(() => module.enable(v['password']!))) ?? null;
          return this.setup ? () => this.go('scan') : undefined;
        },
      });
    }
    if (step === 'sms') {
      return stepForm(this, f, {
        fields: html`${f.input({ name: 'phone_number', type: 'tel', label: t('account.phone'), autocomplete: 'tel', required: true,
          value: this.phone })}${passwordFields(this, f)}`,
        submit: t('account.sendCode'), cancel,
        run: async (v) => {
          try {
            await module.enableSms({ password: v['password']!, phoneNumber: this.phone = v['phone_number']! });
          } catch (error) {
            // A server without text-message codes (ext): the option goes, and the user learns why.
            if (module.smsAvailable) throw error;
            return () => this.done(t('account.smsUnavailable'));
          }
          return () => this.go('sms-code');
        },
      });
    }
    if (step === 'sms-code') {
      return stepForm(this, f, {
        // A code used up or expired (its message says to send a new one): back to the number, kept.
        fields: html`${codeField(this, f)}<div class="janua-actions">${button(t('mfa.resendSms'), () => void this.go('sms'))}</div>`,
        submit: t('account.verify'), cancel,
        run: async (v) => {
          await module.confirmSms(v['code']!);
          emit(this, new JanuaMfaEnabledEvent({ method: 'sms' }));
          return () => this.done(t('account.mfaOn'));
        },
      });
    }
    const factor = (name: string, on: boolean, to: string, id: string) => item(name, t(on ? 'account.on' : 'account.off'),
      on ? nothing : button(t('account.setUp'), () => void (to === 'app' && this.auth.snapshot?.user?.hasPassword === false
        ? this.startApp(module) : this.go(to)), 'secondary', false, f.id(id)), f.id(id));
    return loaded(this, this.status, 2, (s) => html`<ul class="janua-list">
        ${factor(t('account.app'), s.methods.includes('totp'), 'app', 'totp')}
        ${module.smsAvailable || s.methods.includes('sms') ? factor(t('account.sms'), s.methods.includes('sms'), 'sms', 'sms') : nothing}
      </ul>
      ${s.enabled ? html`<janua-backup-codes embedded .client=${this.auth.client} .locale=${this.locale}
        .strings=${this.strings}></janua-backup-codes>
        <div class="janua-actions">${button(t('account.turnOff'), () => void this.go('disable'), 'danger')}</div>` : nothing}`);
  }
}
