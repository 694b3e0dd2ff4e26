import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { mfa, type MfaStatus } from '@janua/core';
import { accountStyles, button, cardKnobs, item, JanuaAccountElement, loaded, passwordFields, stepForm } from '../internal/account-element.ts';
import { emit } from '../internal/events.ts';
import { checkboxField } from '../internal/choice-fields.ts';
import { JanuaBackupCodesSavedEvent } from '../internal/events-account.ts';
import { ResourceController } from '../internal/resource-controller.ts';
import { clearPrint, copyText, downloadText, printLines } from '../internal/save-file.ts';

/**
 * The card is in the shadow root; the content is in light DOM: `janua-codes` (the list of codes),
 * `janua-actions` (copy, download, print), `janua-item` (the remaining count) and the form
 * classes of `<janua-sign-in>`. Printing shows the codes alone, through a print stylesheet.
 *
 * @summary Backup codes: a new set is shown once, with copy, download (.txt) and print, and must be
 * confirmed as saved; afterwards, how many are left and a password-confirmed way to make new ones.
 * @tag janua-backup-codes
 * @slot logo - Above the heading: a logo of the page's own (this card has no `logo-url`).
 * @slot header - Replaces the heading and its subtitle, if any.
 * @csspart card - The surface around everything.
 * @csspart header - The heading area.
 * @csspart heading - The heading (focused when a step has no field).
 * @csspart alert - Status and error messages.
 * @cssprop [--janua-backup-codes-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-backup-codes-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-backup-codes-max-width=36rem] - Card width limit.
 * @cssstate pending - A request is in flight.
 * @event {JanuaBackupCodesSavedEvent} janua-backup-codes-saved - The user confirmed saving a new set; `detail.count`.
 * @event {JanuaErrorEvent} janua-error - A request failed; `detail.code`, `detail.status`.
 */
export class JanuaBackupCodes extends JanuaAccountElement {
  static override properties: PropertyDeclarations = { codes: { attribute: false }, embedded: { type: Boolean, reflect: true } };
  static override styles = [...accountStyles, cardKnobs('backup-codes')];

  /**
   * A new set to show (what `mfa(client).enable()` answered), e.g. right after setup. It is shown
   * until the user confirms saving it, then dropped.
   */
  declare codes: readonly string[] | undefined;
  /** Drops the card's own border and padding inside another card (as in `<janua-mfa-setup>`). */
  declare embedded: boolean;

  private readonly status = new ResourceController<MfaStatus>(this, (c) => mfa(c).status);

  constructor() {
    super();
    this.codes = undefined;
    this.embedded = false;
  }

  protected heading(): string {
    return this.t('account.codes');
  }

  protected override forget(): void {
    this.codes = undefined;
    clearPrint();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Secrets of the session that ended do not wait for whoever signs in next.
    if (this.auth.status === 'signed-out' && this.codes) this.forget();
    if (changed.has('codes') && this.codes?.length) this.step = 'show';
  }

  protected body(): TemplateResult | typeof nothing {
    const t = this.t.bind(this);
    const f = this.form;
    const codes = this.codes;
    if (this.step === 'show' && codes) {
      const title = t('account.codesFor', { email: this.auth.snapshot?.user?.email ?? '' });
      return html`<p class="janua-text">${t('account.keep')}</p>
        <ol class="janua-codes" aria-label=${t('account.codes')}>${codes.map((c) => html`<li>${c}</li>`)}</ol>
        <div class="janua-actions">
          ${button(t('account.copy'), () => void this.copied(copyText(codes.join('\n'))))}
          ${button(t('account.download'), () => {
            f.setNotice('');
            downloadText('backup-codes.txt', [title, '', ...codes, ''].join('\n'));
          })}
          ${button(t('account.print'), () => {
            f.setNotice('');
            printLines(title, codes, this);
          })}
        </div>
        ${stepForm(this, f, {
          fields: checkboxField(this, f, { name: 'saved', label: t('account.codesSaved'), required: true }),
          submit: t('account.done'),
          run: async () => {
            this.codes = undefined;
            clearPrint();
            emit(this, new JanuaBackupCodesSavedEvent({ count: codes.length }));
            return () => this.back();
          },
        })}`;
    }
    if (this.step === 'new') {
      return html`<p class="janua-text">${t('account.newCodesText')}</p>${stepForm(this, f, {
        fields: passwordFields(this, f), submit: t('account.newCodes'), cancel: this.back,
        run: async (v) => {
          this.codes = (await this.forThisAccount(() => mfa(this.auth.client!).regenerateBackupCodes(v['password']!)))?.backupCodes;
          return this.codes ? () => this.go('show') : undefined;
        },
      })}`;
    }
    return loaded(this, this.status, 1, (s) => html`<ul class="janua-list">${s.enabled
      ? item(t('account.codes'), t('account.codesLeft', { count: s.backupCodesRemaining }),
        button(t('account.newCodes'), () => void this.go('new')))
      : html`<li class="janua-item"><p class="janua-muted">${t('account.needMfa')}</p></li>`}</ul>`);
  }
}
