import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { JanuaClient } from '@janua/core';
import type { JanuaAuthElement } from './auth-element.ts';
import type { CardHost } from './card.ts';
import type { JanuaMfaVerifiedEvent } from './events-auth.ts';

/** The element a card shows as its second-factor step (its class is loaded on first use). */
type Challenge = HTMLElement & { busy?: boolean };

/**
 * The second-factor step of a card (sign-in, sign-up's social return, the magic-link page): when
 * the client holds a pending step, the card shows `<janua-mfa-challenge>` in its light DOM (it
 * wears its own card; the host's steps aside) and loads its code the first time. The step stays
 * until the user leaves it (`janua-mfa-cancelled`), or until the sign-in it finishes has been
 * reported: a step that verified its own code keeps its place until its `janua-mfa-verified` has
 * been heard, so the event is not lost to an element already taken out of the page.
 */
export class MfaStep implements ReactiveController {
  /** The step shows. */
  held = false;
  /** This card's own flow ended in a step it owes (`claim()`); only then does an `own` card show it. */
  private claimed = false;
  /**
   * The client the step began with, kept: the sign-in it finishes may take the card out of the
   * page (`{!signedIn && <SignIn/>}`) before the step's event, and a detached card lets go of its own.
   */
  private client: JanuaClient | undefined;

  /**
   * `any` (the sign-in card) takes up any step the page's client holds; `own` (sign-up, the
   * magic-link page) only the one its own flow began, so two cards never both show a step.
   */
  constructor(
    private readonly host: JanuaAuthElement & CardHost & { resendCooldown?: number },
    private readonly verified: (userId: string, client: JanuaClient | undefined) => void,
    private readonly cancelled: () => void,
    private readonly mode: 'any' | 'own' = 'any',
  ) {
    host.addController(this);
  }

  /** This card's own sign-in answered with a second factor owed: show the step. */
  claim(): void {
    this.claimed = true;
    this.host.requestUpdate();
  }

  /** The step's element, while it shows. */
  get element(): Challenge | null {
    return this.host.querySelector(':scope > [data-janua-region] > janua-mfa-challenge');
  }

  hostUpdate(): void {
    const signedIn = this.host.auth.status === 'signed-in';
    const pending = this.host.auth.snapshot?.pending;
    // Signed in, only this card's own flow owes a step: a link for another account, confirmed
    // over the session the page has.
    if ((!signedIn || this.claimed) && pending && !this.held && (this.mode === 'any' || this.claimed)) {
      this.held = true;
      // Its code: a chunk of its own where the build splits, fetched the first time it is needed.
      if (!customElements.get('janua-mfa-challenge')) void import('../mfa-challenge/define.ts');
    }
    if (signedIn && this.held && !this.element?.busy && !(this.claimed && pending)) this.held = false;
    if (!this.held && !pending) this.claimed = false;
  }

  render(): TemplateResult | typeof nothing {
    if (!this.held) return nothing;
    const h = this.host;
    this.client = h.auth.client ?? this.client;
    return html`<janua-mfa-challenge .client=${this.client} .embedded=${true} .locale=${h.locale} .strings=${h.strings}
      .logoUrl=${h.logoUrl} .appName=${h.appName} resend-cooldown=${h.resendCooldown ?? 30}
      @janua-mfa-verified=${this.onVerified} @janua-mfa-cancelled=${this.onCancelled}></janua-mfa-challenge>`;
  }

  private readonly onVerified = async (event: JanuaMfaVerifiedEvent): Promise<void> => {
    this.held = false;
    this.claimed = false;
    this.host.requestUpdate();
    // Once the step's own event has reached every listener: first verified, then signed in.
    await undefined;
    this.verified(event.detail.userId, this.client);
  };

  private readonly onCancelled = (): void => {
    this.held = false;
    this.claimed = false;
    this.host.requestUpdate();
    this.cancelled();
  };
}
