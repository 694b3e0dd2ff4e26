import type { ReactiveController } from 'lit';
import { discoverSso, type SsoDiscovery } from '@janua/core';
import type { JanuaAuthElement } from '../internal/auth-element.ts';

const NONE: SsoDiscovery = { sso: false, organizationSlug: null };
/** How long typing pauses before the domain is looked up. */
const PAUSE_MS = 300;

/**
 * Enterprise SSO, decided by the email: once a well-formed address has been typed (or filled),
 * `/sso/discover` says whether its domain signs in through its organization's identity provider.
 * `slug` is set while the current address is such a one; the form then asks for no password.
 */
export class SsoLookup implements ReactiveController {
  /** The organization of the address in the field, when it signs in with SSO. */
  slug: string | null = null;
  private email = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: JanuaAuthElement, private readonly enabled: () => boolean) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  /** The email field changed: forget the old answer, ask again after a pause. */
  readonly onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const email = input.value.trim();
    clearTimeout(this.timer);
    if (email === this.email) return;
    this.email = email;
    if (this.slug !== null) {
      this.slug = null;
      this.host.requestUpdate();
    }
    if (!this.enabled() || !email || !input.validity.valid) return;
    this.timer = setTimeout(() => void this.check(email), PAUSE_MS);
  };

  /** The answer for `email` (remembered per domain by the client); a failure counts as "no SSO". */
  async check(email: string): Promise<SsoDiscovery> {
    const client = this.host.auth.client;
    if (!client || !this.enabled()) return NONE;
    const found = await discoverSso(client, email).catch(() => NONE);
    if (email === this.email) {
      const slug = found.sso ? found.organizationSlug : null;
      if (slug !== this.slug) {
        this.slug = slug;
        this.host.requestUpdate();
      }
    }
    return found;
  }
}
