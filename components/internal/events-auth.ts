import type { MfaMethod } from '@janua/core';

/*
 * Events of the sign-in surface (second factor, magic links). Like every kit event they bubble
 * and cross shadow roots; details carry ids and status only, never a code, link or token.
 */

const init = { bubbles: true, composed: true } as const;

/** The second factor was accepted; `method` is the kind of code the form asked for. */
export class JanuaMfaVerifiedEvent extends CustomEvent<{ userId: string; method: MfaMethod }> {
  constructor(detail: { userId: string; method: MfaMethod }) {
    super('janua-mfa-verified', { ...init, detail });
  }
}

/** The user left the second-factor step (start over, or sign in again after it ended). */
export class JanuaMfaCancelledEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('janua-mfa-cancelled', { ...init, detail: {} });
  }
}

/** A sign-in link was requested (the server answers alike whether or not the account exists). */
export class JanuaMagicLinkSentEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('janua-magic-link-sent', { ...init, detail: {} });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'janua-mfa-verified': JanuaMfaVerifiedEvent;
    'janua-mfa-cancelled': JanuaMfaCancelledEvent;
    'janua-magic-link-sent': JanuaMagicLinkSentEvent;
  }
}
