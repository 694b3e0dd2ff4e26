import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { JanuaClient, User } from '@janua/core';
import type { JanuaAuthElement } from './auth-element.ts';
import { announceLink, emit, JanuaSignedInEvent, navigate, type NavigateReason } from './events.ts';
import type { FormController } from './form-controller.ts';
import { deepActive } from './janua-element.ts';
import { personName } from './person-name.ts';

export interface CardOptions {
  /** The element, for its `logo-url` / `app-name` and its `logo` slot. */
  host: CardHost;
  heading: string;
  subtitle?: string | undefined;
  /** The form controller whose error (or notice) the alert shows. */
  form?: FormController | undefined;
  /** What sits under the alert: usually `<slot></slot>`, where the light-DOM region shows. */
  body: TemplateResult | typeof nothing;
  footer?: TemplateResult | typeof nothing;
  /** Shown in the alert beside an error: a way out of it. */
  alert?: TemplateResult | typeof nothing;
}

/** The brand an element shows above its heading: `logo-url` + `app-name`, or a `logo` slot. */
export interface CardHost extends JanuaAuthElement {
  logoUrl?: string | undefined;
  appName?: string | undefined;
}

type Ctor<T> = abstract new (...args: any[]) => T;

/** What `CardChrome` adds to an element. */
export interface CardChromeProps {
  logoUrl: string | undefined;
  appName: string | undefined;
}

/**
 * Adds `logo-url` and `app-name` to a card element. The mixin's JSDoc is merged into each
 * element's own by the manifest analyzer.
 */
export function CardChrome<B extends Ctor<JanuaAuthElement>>(Base: B): B & Ctor<CardChromeProps> {
  abstract class WithCardChrome extends Base {
    static properties: PropertyDeclarations = { logoUrl: { attribute: 'logo-url' }, appName: { attribute: 'app-name' } };
    /** An image shown above the heading (the `logo` slot replaces it). */
    declare logoUrl: string | undefined;
    /** The app's name: the logo's text alternative, and named in the heading ("Sign in to Acme"). */
    declare appName: string | undefined;
  }
  return WithCardChrome;
}

/**
 * The card every form-like element wears (shadow DOM): the `logo` slot, a `header` slot around the
 * heading and subtitle, the body, then the polite alert (under the form, so a message never pushes
 * the fields the user is looking at), then the footer. Parts: `card`, `logo`, `header`,
 * `heading`, `subtitle`, `alert`. The heading takes focus when a step changes (`focusHeading`).
 */
export function card(o: CardOptions): TemplateResult {
  const error = o.form?.message ?? '';
  // The session restore could not reach the server and is retrying: say so, quietly.
  const waiting = o.host.auth?.status === 'loading' && o.host.auth.snapshot?.error ? o.host.l10n.t('common.reconnecting') : '';
  const { logoUrl, appName } = o.host;
  return html`<div class="card" part="card">
    <slot name="logo">${logoUrl ? html`<img class="logo" part="logo" src=${logoUrl} alt=${appName ?? ''}>` : nothing}</slot>
    <div class="header" part="header">
      <slot name="header">
        <h2 class="heading" part="heading" tabindex="-1">${o.heading}</h2>
        ${o.subtitle ? html`<p class="subtitle" part="subtitle">${o.subtitle}</p>` : nothing}
      </slot>
    </div>
    ${o.body}
    <janua-alert part="alert" variant=${error ? 'error' : 'info'} .message=${error || o.form?.notice || waiting}>${
      error ? o.alert ?? nothing : nothing}</janua-alert>
    ${o.footer ?? nothing}
  </div>`;
}

/**
 * A row of the card (links, footer) that takes no space and leaves the accessibility tree when it
 * has nothing to show: no default content (`filled` false) and nothing slotted into `slots`.
 */
export function cardRow(host: HTMLElement & { requestUpdate(): void }, o: {
  cls: string; part: string; slots: string[]; filled: boolean; content: TemplateResult;
}): TemplateResult {
  const slotted = o.slots.some((name) => host.querySelector(`:scope > [slot="${name}"]`));
  return html`<div class=${o.cls} part=${o.part} ?hidden=${!o.filled && !slotted}
    @slotchange=${() => host.requestUpdate()}>${o.content}</div>`;
}
/** What an element shows when it found no client: why, in the page's language. */
export function noClient(host: JanuaAuthElement): TemplateResult {
  const key = host.auth.problem === 'invalid-api' ? 'common.invalidApi' : 'common.noClient';
  return html`<janua-alert part="alert" variant="error" .message=${host.l10n.t(key)}></janua-alert>`;
}

/**
 * The body of a card whose user is signed in (here, in another tab, or before the page loaded):
 * who they are, where to go next (`redirect-url`, guarded) and a way to sign out.
 */
let signOutButton: Promise<unknown> | undefined;

/**
 * `<janua-sign-out-button>` (and `<janua-button>` under it) is not on a first screen that asks for
 * credentials, so the cards do not import it: its code loads when a signed-in body first renders
 * (a later request with the per-element entries; already there in `janua.js`). Until it runs, the
 * card styles hold the button's height, so nothing below it moves.
 */
export function loadSignOutButton(): void {
  signOutButton ??= import('../sign-out-button/define.ts').catch((error: unknown) => {
    signOutButton = undefined;
    console.error(`[janua] could not load <janua-sign-out-button>: ${(error as Error)?.message ?? error}`);
  });
}

export function signedInBody(host: CardHost & { redirectUrl?: string | undefined }): TemplateResult {
  loadSignOutButton();
  const client = host.auth.client;
  const next = host.redirectUrl && client ? client.resolveRedirect(host.redirectUrl) : '';
  return html`<div class="next" part="next">
    ${next ? html`<a class="continue" part="continue-link" href=${next}
      @click=${announceLink(host, 'signed-in')}>${host.l10n.t('signedIn.continue')}</a>` : nothing}
    <p class="not-you">${host.l10n.t('signedIn.notYou')}</p>
    <janua-sign-out-button exportparts="button: sign-out-button" .client=${client} @janua-signed-out=${() => refocus(host)}></janua-sign-out-button>
  </div>`;
}

/**
 * Signed out from the card: the button that had focus is gone. Unless a status gate has taken
 * focus meanwhile (it does so in a later task), the card gives it to its form, else its heading.
 */
function refocus(host: CardHost): void {
  void host.updateComplete.then(() => setTimeout(() => {
    const active = deepActive();
    if ((active && active !== document.body) || !host.getClientRects().length) return;
    host.focus();
    if (deepActive() === document.body) host.renderRoot.querySelector<HTMLElement>('.heading')?.focus();
  }));
}

/**
 * Moves focus to the element's heading once it has rendered (a new step, a confirmation), if it
 * is shown: a card that a status gate has just hidden (signed in, the form is gone) must not pull
 * focus into hidden content, which WebKit would allow.
 */
export async function focusHeading(host: JanuaAuthElement): Promise<void> {
  if (!host.isConnected) return;
  await host.updateComplete;
  const heading = host.renderRoot.querySelector<HTMLElement>('.heading');
  if (heading && heading.getClientRects().length > 0) heading.focus();
}

/** The display name of a user: their name, else the email. */
export function displayName(user: User | null | undefined): string {
  if (!user) return '';
  return personName(user.firstName, user.lastName) || user.email;
}

/**
 * After a sign-in (or sign-up that signed in): announce it, then follow `redirectUrl` through the
 * redirect guard. Resolves true when a navigation was started (nobody canceled it). `client` is
 * the one captured at submit: the status change may already have taken the element out of the
 * page, and a detached element lets go of its client.
 */
export function announceSignIn(
  host: JanuaAuthElement & { redirectUrl?: string | undefined },
  client: JanuaClient, user: User, reason: NavigateReason, form?: FormController,
): boolean {
  emit(host, new JanuaSignedInEvent({ userId: user.id }));
  if (!host.redirectUrl) return false;
  form?.setNotice(host.l10n.t('signedIn.redirecting'));
  return navigate(host, client.resolveRedirect(host.redirectUrl), reason);
}
