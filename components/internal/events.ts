import type { MfaMethod } from '@janua/core';

/**
 * A `CustomEvent` subclass for one event name, with its typed detail: it bubbles and crosses
 * shadow roots like every kit event. The account and organization events are made with it.
 */
export function kitEvent<D>(type: string, cancelable = false) {
  return class extends CustomEvent<D> {
    constructor(detail: D) {
      super(type, { bubbles: true, composed: true, cancelable, detail });
    }
  };
}

/*
 * Every event the kit dispatches. All bubble and cross shadow roots so an app can listen on
 * `document`; details carry ids and status only, never a password, code or token.
 */

const init = { bubbles: true, composed: true } as const;

export class JanuaSignedInEvent extends CustomEvent<{ userId: string }> {
  constructor(detail: { userId: string }) {
    super('janua-signed-in', { ...init, detail });
  }
}

export class JanuaSignedUpEvent extends CustomEvent<{ userId: string }> {
  constructor(detail: { userId: string }) {
    super('janua-signed-up', { ...init, detail });
  }
}

export class JanuaSignedOutEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('janua-signed-out', { ...init, detail: {} });
  }
}

/** The password was right; a second factor is needed. The MFA token stays with the client. */
export class JanuaMfaRequiredEvent extends CustomEvent<{ methods: MfaMethod[] }> {
  constructor(detail: { methods: MfaMethod[] }) {
    super('janua-mfa-required', { ...init, detail });
  }
}

export interface JanuaErrorDetail {
  code: string;
  status: number;
  retryAfter: number | null;
}

export class JanuaErrorEvent extends CustomEvent<JanuaErrorDetail> {
  constructor(detail: JanuaErrorDetail) {
    super('janua-error', { ...init, detail });
  }
}

/**
 * After an outcome (`signed-in`, …), a default link the user clicked (`sign-up`, …), or on the
 * way to a social provider (`social`) or an organization's identity provider (`sso`).
 */
export type NavigateReason = 'signed-in' | 'signed-up' | 'signed-out' | 'sign-up' | 'sign-in' | 'forgot-password'
  | 'manage-account' | 'organizations' | 'social' | 'sso';

/** Cancel it (`preventDefault()`) to route with the app's own router instead of `location.assign`. */
export class JanuaNavigateEvent extends CustomEvent<{ url: string; reason: NavigateReason }> {
  constructor(detail: { url: string; reason: NavigateReason }) {
    super('janua-navigate', { ...init, cancelable: true, detail });
  }
}

/** Announces a navigation; performs it only if nobody canceled. Returns whether it navigated. */
export function navigate(from: Element, url: string, reason: NavigateReason): boolean {
  const proceed = emit(from, new JanuaNavigateEvent({ url, reason }));
  if (proceed) location.assign(url);
  return proceed;
}

/**
 * Click handler for a kit's default link (sign-up, sign-in, forgot password). The link stays a real
 * `<a href>` (open in new tab, copy address, no script needed); a plain left click is announced
 * like any navigation the kit would make, and only a canceled announcement keeps the browser
 * from following it, so an app's router can take over.
 */
export function announceLink(from: Element, reason: NavigateReason): (event: MouseEvent) => void {
  return (event) => {
    // Modified and middle clicks mean "new tab / window / download": the browser's, not the app's.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const url = (event.currentTarget as HTMLAnchorElement).getAttribute('href');
    if (url && !emit(from, new JanuaNavigateEvent({ url, reason }))) event.preventDefault();
  };
}

declare global {
  interface GlobalEventHandlersEventMap {
    'janua-signed-in': JanuaSignedInEvent;
    'janua-signed-up': JanuaSignedUpEvent;
    'janua-signed-out': JanuaSignedOutEvent;
    'janua-mfa-required': JanuaMfaRequiredEvent;
    'janua-error': JanuaErrorEvent;
    'janua-navigate': JanuaNavigateEvent;
  }
}

/**
 * Dispatches one of the events above; the element's JSDoc `@event` tags document which.
 * Frameworks (and `<janua-signed-out>`) often take a form out of the page the moment the status
 * changes, before it has announced the outcome. A detached element's events reach only its own
 * listeners, so the same event then goes on to `document` (unless already canceled), where apps
 * listen for `janua-navigate`.
 */
export function emit(from: Element, event: Event): boolean {
  const connected = from.isConnected;
  const proceed = from.dispatchEvent(event);
  // A finished dispatch may be dispatched again; its target becomes the document.
  if (connected || !proceed || !event.bubbles) return proceed;
  return document.dispatchEvent(event);
}
