import { css, html, nothing, type TemplateResult, type PropertyValues } from 'lit';
import type { AuthStatus, JanuaClient } from '@janua/core';
import { JanuaAuthElement } from './auth-element.ts';
import { deepActive } from './janua-element.ts';

/** Per client: when a gate last hid content that held focus, for the sibling gate to pick up. */
const focusLostAt = new WeakMap<JanuaClient, number>();
/** Both gates update in the same task; this only bounds how long a hand-over stays claimable. */
const HANDOVER_MS = 1000;

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled):not([type="hidden"]), '
  + 'select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * Shows its children only in one auth status. While the client is still `loading` it renders
 * nothing at all, so a returning user never sees a flash of signed-out content.
 *
 * When a status change hides what had focus (the sign-in form at sign-in, the sign-out button at
 * sign-out), focus would fall to `<body>` and keyboard and screen-reader users would be lost at
 * the top of the page; the gate that becomes active takes it instead. The first restore settling
 * is page load, not something the user did, so it never moves focus.
 */
export abstract class JanuaStatusGate extends JanuaAuthElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  protected abstract readonly showWhen: AuthStatus;
  /** The status of the last render; undefined before the first. */
  private rendered: AuthStatus | undefined;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const status = this.auth.status;
    const previous = this.rendered;
    if (status === previous) return;
    this.rendered = status;
    const client = this.auth.client;
    if (!client) return;
    // Checked before render: once the slot is gone the focused node is no longer in view.
    if (previous === this.showWhen && this.holdsFocus()) focusLostAt.set(client, performance.now());
    if (status === this.showWhen && previous && previous !== 'loading') {
      // After this task: the sibling gate and the elements inside have updated by then.
      setTimeout(() => this.takeFocusIfLost(client));
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.setState('active', this.auth.status === this.showWhen);
  }

  protected override render(): TemplateResult | typeof nothing {
    if (this.auth.status === this.showWhen) return html`<slot></slot>`;
    // An outage while restoring the session is not a sign-out: the signed-out gate says that it is
    // waiting for the server (once per page, not once per gate) instead of offering sign-in.
    const error = this.auth.snapshot?.error;
    if (this.showWhen === 'signed-out' && this.auth.status === 'loading' && error) {
      return html`<janua-alert part="status" .message=${this.t('common.reconnecting')}></janua-alert>`;
    }
    return nothing;
  }

  private holdsFocus(): boolean {
    const active = document.activeElement;
    return Boolean(active && this.contains(active));
  }

  private takeFocusIfLost(client: JanuaClient): void {
    if (!this.isConnected || this.auth.status !== this.showWhen) return;
    const lost = focusLostAt.get(client);
    const handedOver = lost !== undefined && performance.now() - lost < HANDOVER_MS;
    const active = deepActive();
    // Disabling a pending form's fieldset drops focus to <body> before the status even changes.
    // Focus on something no longer shown is as lost: WebKit lets an element keep focus, or take
    // it (the sign-in card's heading after success), inside content a gate has just hidden.
    const adrift = !active || active === document.body || active.getClientRects().length === 0;
    if (!handedOver && !adrift) return;
    focusLostAt.delete(client);
    this.focusContent();
  }

  /** The first Janua element inside that takes focus (forms pick their field), else the first focusable. */
  private focusContent(): void {
    const janua = [...this.querySelectorAll<HTMLElement>('*')].filter((el) => el.localName.startsWith('janua-'));
    for (const candidate of [...janua, ...this.querySelectorAll<HTMLElement>(FOCUSABLE)]) {
      candidate.focus();
      if (this.holdsFocus()) return;
    }
  }
}
