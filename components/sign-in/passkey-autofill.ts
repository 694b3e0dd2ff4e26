import type { ReactiveController } from 'lit';
import { JanuaError, supportsPasskeyAutofill, type JanuaClient, type SignInResult } from '@janua/core';
import type { JanuaAuthElement } from '../internal/auth-element.ts';

/** What a server says about a passkey the user picked: worth telling, unlike a ceremony that never began. */
const REFUSALS = ['INVALID_CREDENTIALS', 'INVALID_TOKEN', 'RATE_LIMITED', 'ACCOUNT_LOCKED'];

/**
 * Passkeys offered in the browser's autofill of the email field (conditional mediation), where
 * the browser supports it: asked once, the first time autofill is wanted; until the browser says
 * yes, `offered` is false (the field's autocomplete stays plain `username`), no request is made
 * and the passkey code is not loaded for it. The request runs while `wanted()` holds and is
 * aborted when it stops holding (a modal ceremony or a submit is about to begin, another step
 * shows) and when the element leaves the page; it starts again once wanted, but only after an abort of ours or a
 * finished sign-in: a browser that refuses conditional requests is not asked over and over.
 */
export class PasskeyAutofill implements ReactiveController {
  private controller: AbortController | undefined;
  /** May (re)start: never ran, or the last run ended by our abort or a finished sign-in. */
  private mayStart = true;
  /** The browser offers passkeys in its autofill: `undefined` until asked (once), false while it has not said yes. */
  private supported: boolean | undefined;

  constructor(
    private readonly host: JanuaAuthElement,
    private readonly wanted: () => boolean,
    private readonly done: (client: JanuaClient, result: SignInResult) => void,
    private readonly refused: (error: JanuaError) => void,
  ) {
    host.addController(this);
  }

  get running(): boolean {
    return this.controller !== undefined;
  }

  /** The browser said it offers passkeys in autofill: the email field asks for them (`username webauthn`). */
  get offered(): boolean {
    return this.supported === true;
  }

  hostUpdated(): void {
    if (!this.wanted()) this.stop();
    else if (this.supported === undefined) this.askSupport();
    // Only once the field says `webauthn` (this update rendered it): conditional UI needs it.
    else if (this.supported) this.start();
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Ends the conditional request (before a modal ceremony, a submit, or another step). */
  stop(): void {
    const controller = this.controller;
    if (!controller) return;
    this.controller = undefined;
    this.mayStart = true;
    controller.abort();
  }

  private askSupport(): void {
    this.supported = false;
    void supportsPasskeyAutofill().then((yes) => {
      if (!yes) return;
      this.supported = true;
      // The field is drawn with `webauthn`, and the next hostUpdated starts the request.
      this.host.requestUpdate();
    });
  }

  private start(): void {
    const client = this.host.auth.client;
    if (this.controller || !this.mayStart || !client || !this.host.isConnected) return;
    const controller = new AbortController();
    this.controller = controller;
    this.mayStart = false;
    const ended = () => {
      if (this.controller === controller) this.controller = undefined;
    };
    void import('./passkey-path.ts').then(async ({ passkeySignIn }) => {
      if (this.controller !== controller) return;
      try {
        const result = await passkeySignIn(client, { autofill: true, signal: controller.signal });
        ended();
        this.mayStart = true;
        this.done(client, result);
      } catch (error) {
        ended();
        // Ours: stop() already allowed a restart. The browser's or the server's: a picked
        // passkey the server refused is told (and may be tried again); a ceremony that could
        // not run here stays quiet, and is not retried.
        if (controller.signal.aborted) return;
        if (JanuaError.is(error) && REFUSALS.includes(error.code)) {
          this.mayStart = true;
          this.refused(error);
        }
      }
    }, ended);
  }
}
