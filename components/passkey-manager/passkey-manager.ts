import { html, nothing, type TemplateResult } from 'lit';
import { passkeys, type Passkey } from '@janua/core';
import { accountStyles, button, cardKnobs, item, JanuaAccountElement, loaded, placeholder, stepForm } from '../internal/account-element.ts';
import { emit } from '../internal/events.ts';
import { JanuaPasskeyAddedEvent, JanuaPasskeyRemovedEvent, JanuaPasskeyRenamedEvent } from '../internal/events-account.ts';
import { ResourceController } from '../internal/resource-controller.ts';

/**
 * The card is in the shadow root; the list is in light DOM: `janua-list`, `janua-item` (one
 * passkey), `janua-item-title`, `janua-muted` (dates), `janua-actions` and the form classes of
 * `<janua-sign-in>` for renaming. The WebAuthn code is loaded only when the user adds a passkey.
 *
 * @summary The signed-in user's passkeys: name, created and last used; add one on this device,
 * rename it in place, delete it after a confirmation. Says plainly when the browser has no passkeys.
 * @tag janua-passkey-manager
 * @slot logo - Above the heading: a logo of the page's own (this card has no `logo-url`).
 * @slot header - Replaces the heading and its subtitle, if any.
 * @csspart card - The surface around everything.
 * @csspart header - The heading area.
 * @csspart heading - The heading (focused when a step has no field).
 * @csspart alert - Status and error messages.
 * @cssprop [--janua-passkey-manager-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-passkey-manager-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-passkey-manager-max-width=36rem] - Card width limit.
 * @cssstate pending - A request or a passkey ceremony is in flight.
 * @event {JanuaPasskeyAddedEvent} janua-passkey-added - A passkey was created; `detail.passkeyId`.
 * @event {JanuaPasskeyRenamedEvent} janua-passkey-renamed - `detail.passkeyId`.
 * @event {JanuaPasskeyRemovedEvent} janua-passkey-removed - `detail.passkeyId`.
 * @event {JanuaErrorEvent} janua-error - A request or the ceremony failed; `detail.code` (`PASSKEY_CANCELLED`, …).
 */
export class JanuaPasskeyManager extends JanuaAccountElement {
  static override styles = [...accountStyles, cardKnobs('passkey-manager')];

  private readonly list = new ResourceController<readonly Passkey[]>(this, (c) => passkeys(c).list);

  constructor() {
    // Rename and delete forms sit inside the list rows.
    super({ selector: ':scope > .janua-region form' });
  }

  protected heading(): string {
    return this.t('account.passkeys');
  }

  protected override loading(): TemplateResult {
    return html`${placeholder(this)}${this.actions()}`;
  }

  private actions(): TemplateResult {
    const client = this.auth.client;
    if (!client || !passkeys(client).isSupported()) return html`<p class="janua-text">${this.t('account.noWebAuthn')}</p>`;
    const adding = this.step === 'adding';
    return html`<div class="janua-actions"><button type="button" class="janua-button" ?disabled=${!this.list.data || this.form.pending}
      aria-busy=${adding ? 'true' : nothing} @click=${() => void this.add()}>${this.t(adding ? 'account.wait' : 'account.addPasskey')}</button></div>`;
  }

  private async add(): Promise<void> {
    const client = this.auth.client!;
    let id = '';
    this.step = 'adding';
    const ok = await this.form.run(async () => {
      id = (await passkeys(client).register()).id;
      emit(this, new JanuaPasskeyAddedEvent({ passkeyId: id }));
    });
    // A new passkey has a generic name: offer to name it at once.
    if (ok) void this.go(`rename:${id}`, this.t('account.added'));
    else this.step = '';
  }

  protected body(): TemplateResult {
    return html`${loaded(this, this.list, 1, (list) => html`<ul class="janua-list">${list.length
      ? list.map((p) => this.row(p))
      : html`<li class="janua-item"><p class="janua-muted">${this.t('account.noPasskeys')}</p></li>`}</ul>`)}${this.actions()}`;
  }

  private row(p: Passkey): TemplateResult {
    const t = this.t.bind(this);
    const f = this.form;
    const module = passkeys(this.auth.client!);
    const id = f.id(`passkey-${p.id}`);
    if (this.step === `rename:${p.id}`) {
      return html`<li class="janua-item">${stepForm(this, f, {
        fields: f.input({ name: 'name', label: t('account.name'), autocomplete: 'off', value: p.name, required: true, maxlength: 64 }),
        submit: t('account.save'), cancel: this.back,
        run: async (v) => {
          await module.rename(p.id, v['name']!.trim());
          emit(this, new JanuaPasskeyRenamedEvent({ passkeyId: p.id }));
          return () => this.back(t('account.saved'));
        },
      })}</li>`;
    }
    if (this.step === `delete:${p.id}`) {
      return html`<li class="janua-item"><p class="janua-text">${t('account.removeText', { name: p.name })}</p>${stepForm(this, f, {
        fields: nothing, submit: t('account.remove'), cancel: this.back, danger: true,
        run: async () => {
          await module.remove(p.id);
          emit(this, new JanuaPasskeyRemovedEvent({ passkeyId: p.id }));
          return () => this.back();
        },
      })}</li>`;
    }
    const busy = f.pending;
    return item(p.name, t('account.passkeyDates', { created: this.date(p.createdAt), used: this.date(p.lastUsedAt) }),
      html`<div class="janua-actions">
        ${button(t('account.rename'), () => void this.go(`rename:${p.id}`), 'secondary', busy, id)}
        ${button(t('account.remove'), () => void this.go(`delete:${p.id}`), 'secondary', busy, id)}
      </div>`, id);
  }
}
