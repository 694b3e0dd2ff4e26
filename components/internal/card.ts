import { html, nothing, type TemplateResult } from 'lit';
import type { JanuaClient, User } from '@janua/core';
import type { JanuaAuthElement } from './auth-element.ts';
import { emit, JanuaSignedInEvent, navigate, type NavigateReason } from './events.ts';
import type { FormController } from './form-controller.ts';

export interface CardOptions {
  heading: string;
  subtitle?: string | undefined;
  /** The form controller whose error (or notice) the alert shows. */
  form?: FormController | undefined;
  /** What sits under the alert: usually `<slot></slot>`, where the light-DOM region shows. */
  body: TemplateResult | typeof nothing;
  footer?: TemplateResult | typeof nothing;
}

/**
 * The card every form-like element wears (shadow DOM): a `header` slot around the heading and
 * subtitle, the polite alert, the body, the footer. Parts: `card`, `header`, `heading`,
 * `subtitle`, `alert`. The heading takes focus when a step changes (`focusHeading`).
 */
export function card(o: CardOptions): TemplateResult {
  const error = o.form?.message ?? '';
  return html`<div class="card" part="card">
    <div class="header" part="header">
      <slot name="header">
        <h2 class="heading" part="heading" tabindex="-1">${o.heading}</h2>
        ${o.subtitle ? html`<p class="subtitle" part="subtitle">${o.subtitle}</p>` : nothing}
      </slot>
    </div>
    <janua-alert part="alert" variant=${error ? 'error' : 'info'} .message=${error || (o.form?.notice ?? '')}></janua-alert>
    ${o.body}
    ${o.footer ?? nothing}
  </div>`;
}

/** What an element shows when it found no client: why, in the page's language. */
export function noClient(host: JanuaAuthElement): TemplateResult {
  const key = host.auth.problem === 'invalid-api' ? 'common.invalidApi' : 'common.noClient';
  return html`<janua-alert part="alert" variant="error" .message=${host.l10n.t(key)}></janua-alert>`;
}

/** Moves focus to the element's heading once it has rendered (a new step, a confirmation). */
export async function focusHeading(host: JanuaAuthElement): Promise<void> {
  if (!host.isConnected) return;
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>('.heading')?.focus();
}

/** The display name of a user: first and last name, else the email. */
export function displayName(user: User | null | undefined): string {
  if (!user) return '';
  return [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email;
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
