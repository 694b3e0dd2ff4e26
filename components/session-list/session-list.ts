import { html, nothing, type TemplateResult } from 'lit';
import { sessions, type MessageKey, type SessionInfo } from '@janua/core';
import { accountStyles, button, cardKnobs, item, JanuaAccountElement, loaded } from '../internal/account-element.ts';
import { emit } from '../internal/events.ts';
import { JanuaSessionRevokedEvent } from '../internal/events-account.ts';
import { ResourceController } from '../internal/resource-controller.ts';
import { cjk } from '../internal/localize.ts';

const SERVER_UNKNOWN_DEVICE = 'Unknown device';

/** A few names in a row ("Chrome, Windows"), with the language's comma (、 ، ). */
function listed(lang: string, parts: (string | null)[]): string {
  return parts.filter(Boolean).join(cjk(lang) ? '、' : /^ar\b/.test(lang) ? '، ' : ', ');
}

/**
 * The card is in the shadow root; the list is in light DOM: `janua-list`, `janua-item` (one
 * session), `janua-item-title` (the device), `janua-badge` ("This device"), `janua-muted`
 * (browser, system, last activity) and `janua-button`s.
 *
 * @summary Where the account is signed in: device, browser and system, last activity, this device
 * marked; sign out one device, or every other one.
 * @tag janua-session-list
 * @slot logo - Above the heading: a logo of the page's own (this card has no `logo-url`).
 * @slot header - Replaces the heading and its subtitle, if any.
 * @csspart card - The surface around everything.
 * @csspart header - The heading area.
 * @csspart heading - The heading.
 * @csspart alert - Status and error messages.
 * @cssprop [--janua-session-list-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-session-list-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-session-list-max-width=36rem] - Card width limit.
 * @cssstate pending - A request is in flight.
 * @event {JanuaSessionRevokedEvent} janua-session-revoked - A session ended: `detail.sessionId`, or `null`
 * with `detail.revokedCount` for "every other device". Its access tokens fail from their next call.
 * @event {JanuaErrorEvent} janua-error - A request failed; `detail.code`, `detail.status`.
 */
export class JanuaSessionList extends JanuaAccountElement {
  static override styles = [...accountStyles, cardKnobs('session-list')];

  private readonly list = new ResourceController<readonly SessionInfo[]>(this, (c) => sessions(c).list);

  protected heading(): string {
    return this.t('account.devices');
  }

  /** Ends one session, or (`null`) every other one. */
  private async revoke(id: string | null): Promise<void> {
    const module = sessions(this.auth.client!);
    // The button pressed leaves with its row: focus goes to the heading, not to the page's top.
    if (await this.form.run(async () => {
      const revokedCount = id ? (await module.revoke(id), 1) : (await module.revokeOthers()).revokedCount;
      emit(this, new JanuaSessionRevokedEvent({ sessionId: id, revokedCount }));
      this.form.setNotice(this.t('account.signedOutDevices', { count: revokedCount }));
    })) this.focus();
  }

  /**
   * The device in the page's words: its model ("iPhone"), else its kind ("Ordinateur") where the
   * server says it (ext), else the server's name; "unknown" in the page's words, as without a user
   * agent (or with one it cannot read) the reference server answers its English `Unknown device`.
   */
  private deviceName(s: SessionInfo): string {
    const kind = `account.device.${s.deviceType}`;
    return s.deviceModel || (this.l10n.has(kind) ? this.t(kind as MessageKey)
      : s.userAgent && s.deviceName && s.deviceName !== SERVER_UNKNOWN_DEVICE ? s.deviceName : this.t('account.unknownDevice'));
  }

  protected body(): TemplateResult | typeof nothing {
    const t = this.t.bind(this);
    const f = this.form;
    return loaded(this, this.list, 1, (list) => html`<ul class="janua-list">${list.map((s) => {
        const id = f.id(`session-${s.id}`);
        return item(html`${this.deviceName(s)}${s.isCurrent ? html`<span class="janua-badge">${t('account.thisDevice')}</span>` : nothing}`,
          t('account.active', { device: listed(this.l10n.lang, [s.browser, s.os]) || t('account.unknownBrowser'), date: this.date(s.lastActivityAt) }),
          s.isCurrent ? nothing : button(t('signOut.label'), () => void this.revoke(s.id), 'secondary', f.pending, id), id);
      })}</ul>
      ${list.some((s) => !s.isCurrent) ? html`<div class="janua-actions">${
        button(t('account.signOutOthers'), () => void this.revoke(null), 'danger', f.pending)}</div>` : nothing}`);
  }
}
