import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { socialProviders, startSocialSignIn, type JanuaClient, type SocialProvider } from '@janua/core';
import type { JanuaAuthElement } from './auth-element.ts';
import { navigate } from './events.ts';
import type { FormController } from './form-controller.ts';

/**
 * The social sign-in buttons of a card (sign-in, sign-up): one accessible button per provider
 * the server has enabled (`GET /auth/oauth/providers`, asked once per client), none at all when
 * there is none. A click starts the flow through the server (state, PKCE and nonce stay there)
 * and, after a cancelable `janua-navigate` (`reason: 'social'`), sends the browser to the
 * provider; it comes back to this page, where the card reads the outcome.
 */
export class SocialButtons implements ReactiveController {
  list: readonly SocialProvider[] = [];
  /** The provider whose start is in flight. */
  private starting: string | null = null;
  private asked: JanuaClient | undefined;

  constructor(
    private readonly host: JanuaAuthElement,
    private readonly form: FormController,
    private readonly enabled: () => boolean,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const client = this.host.auth.client;
    if (!client || client === this.asked || !this.enabled()) return;
    this.asked = client;
    this.list = [];
    socialProviders(client).then(
      (list) => {
        if (this.asked !== client) return;
        this.list = list;
        this.host.requestUpdate();
      },
      // No list (server down, say): no buttons. The form still works; nothing to tell the user.
      () => undefined,
    );
  }

  /** Whether there is anything to show. */
  get shown(): boolean {
    return this.enabled() && this.list.length > 0;
  }

  render(): TemplateResult | typeof nothing {
    if (!this.shown) return nothing;
    const t = this.host.l10n;
    const pending = this.form.pending;
    return html`<div class="janua-providers" role="group" aria-label=${t.t('signIn.providers')}>${this.list.map((p) => {
      const busy = this.starting === p.id;
      return html`<button type="button" class="janua-button janua-provider-button" data-variant="secondary"
        data-provider=${p.id} ?disabled=${pending} aria-busy=${busy ? 'true' : nothing}
        @click=${() => this.start(p)}>${busy ? html`<span class="janua-spinner" aria-hidden="true"></span>` : nothing}<span
        class="janua-button-label">${t.t(busy ? 'social.pending' : 'social.continue', { provider: p.name })}</span></button>`;
    })}</div>`;
  }

  private start(provider: SocialProvider): void {
    const client = this.host.auth.client;
    if (!client) return;
    void this.form.run(async () => {
      this.starting = provider.id;
      try {
        const { url } = await startSocialSignIn(client, { provider: provider.id, returnTo: location.href });
        navigate(this.host, url, 'social');
      } finally {
        this.starting = null;
      }
    });
  }
}
