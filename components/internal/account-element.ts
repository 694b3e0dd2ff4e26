import { css, html, nothing, unsafeCSS, type CSSResult, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { enAccount, type MessageKey, type PartialCatalog } from '@janua/core';
import { JanuaAuthElement } from './auth-element.ts';
import { deepActive } from './janua-element.ts';
import { accountLightStyles } from './account.styles.ts';
import { card, focusHeading, loadSignOutButton, noClient } from './card.ts';
import { cardStyles } from './card.styles.ts';
import { announceLink } from './events.ts';
import { FormController, type FormOptions } from './form-controller.ts';
import { LightRegion } from './light-region.ts';
import type { ResourceController } from './resource-controller.ts';
import { adoptLightStyles, hostBase } from './styles.ts';

/*
 * What the account elements share: the card around one light-DOM region, the step form, the
 * password confirmation, placeholders the size of loaded content, and small templates.
 */

type Host = JanuaAuthElement;

/** The card knobs of one element: `--janua-<name>-gap|padding|max-width`, read once on the host. */
export function cardKnobs(name: string, maxWidth = '36rem'): CSSResult {
  return unsafeCSS(`:host{--_gap:var(--janua-${name}-gap,var(--janua-space,1rem));`
    + `--_padding:var(--janua-${name}-padding,calc(1.5*var(--janua-space,1rem)));--_max-width:var(--janua-${name}-max-width,${maxWidth})}`);
}

/** The shadow styles of an account card; `embedded` drops the card look inside another card. */
export const accountStyles = [hostBase, cardStyles, css`
  :host([embedded]) .card {
    padding: 0;
    border: 0;
    box-shadow: none;
    background: none;
  }
`];

/** The `token` of the page's query string, where the server's mailed links put it. */
export const tokenFromUrl = (): string | null => new URLSearchParams(globalThis.location?.search).get('token');

/**
 * The same, taken out of the address bar: out of the history, of what the page's other scripts
 * read from the address, and of the Referer its next request sends.
 */
export function takeTokenFromUrl(): string | null {
  const token = tokenFromUrl();
  if (token !== null) {
    const url = new URL(location.href);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.href);
  }
  return token;
}

/**
 * A light-DOM button (outside forms: `type="button"`). `of` is the id of the row title it acts on:
 * the button is then named by its label and that title ("Rename MacBook", "Set up Authenticator
 * app"), so a list of them does not read as "Rename, Rename" and voice control can tell them apart.
 */
export function button(label: string, onClick: () => void, variant = 'secondary', disabled = false,
  of?: string): TemplateResult {
  // Its own id (for aria-labelledby) from the row's and the label's, white space taken out: an
  // id is one token there.
  const id = of && `${of}-${label.replace(/\s/g, '_')}`;
  return html`<button type="button" class="janua-button" data-variant=${variant} ?disabled=${disabled}
    id=${id || nothing} aria-labelledby=${id ? `${id} ${of}` : nothing} @click=${onClick}>${label}</button>`;
}

/** A link dressed as a button, announced like the kit's other links (cancelable `janua-navigate`). */
export function linkButton(host: Host, url: string | undefined, key: MessageKey, reason: 'sign-in' | 'forgot-password' | 'signed-in'):
  TemplateResult | typeof nothing {
  return url ? html`<a class="janua-button" href=${url} @click=${announceLink(host, reason)}>${host.l10n.t(key)}</a>` : nothing;
}

/** The card's footer link back to sign-in, when the element has a `sign-in-url` (parts `footer`, `sign-in-link`). */
export function signInFooter(host: Host & { signInUrl?: string | undefined }): TemplateResult | typeof nothing {
  const url = host.signInUrl;
  return url ? html`<p class="footer" part="footer"><a part="sign-in-link" href=${url}
    @click=${announceLink(host, 'sign-in')}>${host.l10n.t('account.backToSignIn')}</a></p>` : nothing;
}

export interface StepFormOptions {
  /** The fields, above the buttons. */
  fields: TemplateResult | typeof nothing;
  submit: string;
  /**
   * Runs with the form's values; a rejection is shown under the fields or in the alert. What it
   * returns runs once the form is no longer pending (so the next step's field can take focus).
   */
  run: (values: Record<string, string>) => Promise<(() => unknown) | void>;
  /** Adds a Cancel button (and Escape in the form cancels too). */
  cancel?: () => void;
  /** A destructive action: the submit button wears the danger colours. */
  danger?: boolean;
  /** Nothing to submit yet (say, while the session restores). */
  disabled?: boolean;
}

/** One step's form: fields, then the submit button (and Cancel). */
export function stepForm(host: Host, f: FormController, o: StepFormOptions): TemplateResult {
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const next: { then?: (() => unknown) | void } = {};
    if (await f.run(async () => void (next.then = await o.run(f.values())))) next.then?.();
  };
  // Escape in a step with Cancel is Cancel, as in a dialog.
  const escape = (e: KeyboardEvent) => {
    // Not while an input method is composing: there Escape cancels the conversion.
    if (e.key === 'Escape' && !e.isComposing && !e.defaultPrevented && !f.pending) {
      e.preventDefault();
      o.cancel!();
    }
  };
  return html`<form class="janua-form" @submit=${submit} @invalid=${f.onInvalid} @keydown=${o.cancel ? escape : nothing}>
    <fieldset class="janua-fieldset" role="none" ?disabled=${f.pending || o.disabled}>
      ${o.fields}
      <div class="janua-actions ${o.danger ? 'janua-danger' : ''}">${f.submit({ label: o.submit, pendingLabel: host.l10n.t('account.wait') })}${
        o.cancel ? button(host.l10n.t('account.cancel'), o.cancel) : nothing}</div>
    </fieldset>
  </form>`;
}

/**
 * Sensitive changes ask for the password again: a current-password field (with the account's
 * email beside it, hidden, so password managers offer the right entry; its default value, so a
 * form reset keeps it), then `extra` fields. An
 * account without a password (`hasPassword` false, ext) has none to type: the server takes a
 * recent sign-in instead, and says `reauthentication_required` when it is not recent enough.
 */
export function passwordFields(host: Host, f: FormController, extra: TemplateResult | typeof nothing = nothing,
  name = 'password'): TemplateResult {
  const user = host.auth.snapshot?.user;
  return html`<input type="email" name="username" autocomplete="username" hidden value=${user?.email ?? ''}>${user?.hasPassword === false
    ? nothing : f.input({ name, type: 'password', label: host.l10n.t('account.password'), autocomplete: 'current-password', required: true })}${extra}`;
}

/**
 * An account without a password confirms a sensitive change by a recent sign-in; when it is too
 * old the server says `reauthentication_required` and the alert says to sign in again. This puts
 * the way to do it in the alert: sign out here (and in every tab), then sign in. Focus, which was
 * on the button, goes to the page's sign-in (a status gate takes it) or else to the heading.
 */
export function reauthAction(host: Host, form: FormController): TemplateResult | typeof nothing {
  if (form.reason !== 'reauthentication_required') return nothing;
  loadSignOutButton();
  const settle = () => setTimeout(() => {
    const active = document.activeElement;
    // Lost with the button, or left on the alert, now empty; a status gate may have taken it.
    if (!active || active === document.body || (active === host && host.shadowRoot?.activeElement?.localName === 'janua-alert')) {
      void focusHeading(host);
    }
  });
  return html`<janua-sign-out-button .client=${host.auth.client} @janua-signed-out=${settle}></janua-sign-out-button>`;
}

/** A one-time-code field; `required: false` where sending none asks the server to text one. */
export function codeField(host: Host, f: FormController, required = true, describedBy?: string): TemplateResult {
  return f.input({ name: 'code', label: host.l10n.t('account.code'), autocomplete: 'one-time-code', inputmode: 'numeric',
    required, maxlength: 16, spellcheck: false, describedBy });
}

/** Placeholder rows the size of loaded ones, so nothing below moves when the data arrives. */
export function placeholder(host: Host, rows = 1): TemplateResult {
  return html`<ul class="janua-list" aria-busy="true">${Array.from({ length: rows }, (_, i) =>
    html`<li class="janua-skeleton">${i ? nothing : html`<span class="janua-sr">${host.l10n.t('common.loading')}</span>`}</li>`)}</ul>`;
}

/** A resource's content once loaded; placeholder rows before; a retry after a failed first load. */
export function loaded<T>(host: Host, res: ResourceController<T>, rows: number,
  ready: (data: T) => TemplateResult | typeof nothing): TemplateResult | typeof nothing {
  const data = res.data;
  if (data !== null) return ready(data);
  if (res.snapshot?.status !== 'error') return placeholder(host, rows);
  return html`<p class="janua-text">${host.l10n.t('error.generic')}</p>${button(host.l10n.t('account.retry'), () => res.retry())}`;
}

/** One row of a list: a title, a muted line, then whatever acts on it. */
export function item(title: TemplateResult | string, meta: string, after: TemplateResult | typeof nothing = nothing,
  id?: string): TemplateResult {
  return html`<li class="janua-item"><div class="janua-item-main"><p class="janua-item-title" id=${id ?? nothing}>${title}</p>
    <p class="janua-muted">${meta}</p></div>${after}</li>`;
}

/**
 * Base of the account elements: one card (heading, the polite alert) around one light-DOM region
 * holding the current step, so password managers see every credential field. While the session
 * restores it shows a placeholder of the loaded size; signed out, a short sentence (unless it
 * serves signed-out visitors, `forSignedOut`). Strings come from the account catalog.
 */
export abstract class JanuaAccountElement extends JanuaAuthElement {
  static override properties: PropertyDeclarations = { step: { state: true } };
  static override messages: PartialCatalog = enAccount;

  /** The step shown; `''` is the element's overview. */
  protected declare step: string;
  /** The id of the button that left the overview, to give focus back to. */
  private opener = '';
  protected readonly form: FormController;
  /** The recovery pages work without a session. */
  protected forSignedOut = false;

  constructor(options: FormOptions = {}) {
    super();
    this.step = '';
    // Only this element's own form: child elements in the region have theirs.
    this.form = new FormController(this, { selector: ':scope > .janua-region > form', ...options });
    new LightRegion(this, 'account', () => this.region());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLightStyles(this, accountLightStyles);
  }

  /** The status and account of the last update, to see a sign-out or another account happen. */
  private lastStatus: string | undefined;
  private lastUser: string | undefined;

  /**
   * Signed out, or another account signed in (in another tab, which the client follows without
   * passing through signed-out), what the step held (a confirmation, an error, codes shown once)
   * goes with the session: the next person starts from the overview.
   */
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const status = this.auth.status;
    const user = this.auth.snapshot?.user?.id;
    if (!this.forSignedOut && ((status === 'signed-out' && this.lastStatus === 'signed-in') || (user && this.lastUser && user !== this.lastUser))) {
      this.step = '';
      this.form.reset();
      this.forget();
    }
    this.lastStatus = status;
    this.lastUser = user;
  }

  /** What a subclass holds of the account that ended (a secret, codes shown once) goes here. */
  protected forget(): void {}

  /**
   * What `ask` answers, unless another account signed in while it was asked (in another tab): a
   * secret of one account is never shown to the next. Undefined then.
   */
  protected async forThisAccount<T>(ask: () => Promise<T>): Promise<T | undefined> {
    const user = this.auth.snapshot?.user?.id;
    const value = await ask();
    return this.auth.snapshot?.user?.id === user ? value : undefined;
  }

  protected abstract heading(): string;
  protected subtitle(): string | undefined {
    return undefined;
  }
  /** A line under the card (shadow DOM), e.g. a link back to sign-in. */
  protected footer(): TemplateResult | typeof nothing {
    return nothing;
  }
  /** The current step, rendered into the light DOM. */
  protected abstract body(): TemplateResult | typeof nothing;

  /** What holds the place of the content while the session restores: the size it will have. */
  protected loading(): TemplateResult {
    return placeholder(this);
  }

  private region(): TemplateResult | typeof nothing {
    const status = this.auth.status;
    if (!this.auth.client) return nothing;
    if (this.forSignedOut || status === 'signed-in') return this.body();
    return status === 'signed-out' ? html`<p class="janua-text">${this.t('account.signInFirst')}</p>` : this.loading();
  }

  /** Focuses the step's first field, else its submit button (a confirmation), else the heading. */
  override focus(options?: FocusOptions): void {
    if (this.form.focusFirstField(options)) return;
    (this.form.form?.querySelector<HTMLElement>('.janua-submit') ?? this.renderRoot?.querySelector<HTMLElement>('.heading'))?.focus(options);
  }

  /** Moves to a step: messages cleared (then `notice` announced), focus on the new step. */
  protected async go(step: string, notice = ''): Promise<void> {
    // Leaving the overview from a row's button: back there afterwards (rename, remove, cancel).
    if (!this.step && step) this.opener = (deepActive() as HTMLElement | null)?.id ?? '';
    this.step = step;
    this.form.reset();
    if (notice) this.form.setNotice(notice);
    await this.updateComplete;
    const opener = step || !this.opener ? null : this.querySelector<HTMLElement>(`[id="${this.opener}"]:enabled`);
    if (!step) this.opener = '';
    if (!this.isConnected) return;
    if (opener) opener.focus();
    else this.focus();
  }

  /** Back to the overview, saying what happened. */
  protected readonly back = (notice = ''): void => void this.go('', notice);

  /** A date in the element's language. */
  protected date(iso: string | null | undefined): string {
    if (!iso) return this.t('account.never');
    return this.l10n.date(iso);
  }

  /** Says how a copy went, in the alert. */
  protected async copied(done: Promise<boolean>): Promise<void> {
    this.form.setNotice(this.t((await done) ? 'account.copied' : 'account.copyFailed'));
  }

  protected override render(): TemplateResult {
    if (!this.auth.client) return noClient(this);
    return card({ host: this, heading: this.heading(), subtitle: this.subtitle(), form: this.form, body: html`<slot></slot>`,
      footer: this.footer(), alert: reauthAction(this, this.form) });
  }
}
