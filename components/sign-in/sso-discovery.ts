import type { ReactiveController } from 'lit';
import { discoverSso, JanuaError, type SsoDiscovery } from '@janua/core';
import type { JanuaAuthElement } from '../internal/auth-element.ts';

const NONE: SsoDiscovery = { sso: false, organizationSlug: null };
/** How long typing pauses before the domain is looked up. */
const PAUSE_MS = 300;

/**
 * Enterprise SSO, decided by the email: once a well-formed address has been typed (or filled),
 * `/sso/discover` says whether its domain signs in through its organization's identity provider.
 * `slug` is set while the current address is such a one; the form then asks for no password.
 * A server without the route (404) means "no SSO"; a lookup that gets no answer (offline, 5xx, 429)
 * leaves the form as it was while typing, and makes `settle` refuse, so a submit never sends a
 * password it could not clear.
 */
export class SsoLookup implements ReactiveController {
  /** The organization of the address in the field, when it signs in with SSO. */
  slug: string | null = null;
  private email = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The errors `settle` gave up on while the server answered (a 5xx): the form tells them as
   * "could not check for SSO". No answer at all is the server out of reach, which the form's
   * network message explains (down, or not accepting this page) better than a word about SSO.
   */
  private readonly unsettled = new WeakSet<object>();

  /** `changed` hears each change of `slug` for the address in the field (to announce it). */
  constructor(private readonly host: JanuaAuthElement, private readonly enabled: () => boolean,
    private readonly changed: (slug: string | null) => void = () => {}) {
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
    this.show(null);
    if (!this.enabled() || !email || !input.validity.valid) return;
    this.timer = setTimeout(() => void this.check(email).catch(() => {}), PAUSE_MS);
  };

  /** True for the error of a lookup `settle` gave up on while the server answered. */
  failed(error: unknown): boolean {
    return typeof error === 'object' && error !== null && this.unsettled.has(error);
  }

  /**
   * The answer for `email` before a submit: the lookup of this address (the one in flight, else a
   * new one; answers are remembered per domain by the client), asked once more if it failed.
   * Rejects when there is still no answer (at once for a 429); `failed` then knows the error,
   * unless it was no answer at all or a 429, which the form's own messages tell better.
   */
  async settle(email: string): Promise<SsoDiscovery> {
    clearTimeout(this.timer);
    // Filled without an input event (some autofill): the field's address is the one that counts.
    if (email !== this.email) {
      this.email = email;
      this.show(null);
    }
    for (let tries = 1; ; tries++) {
      try {
        return await this.check(email);
      } catch (error) {
        const e = JanuaError.is(error) ? error : JanuaError.network(error);
        // Too many lookups: asking again at once is refused too, and the form's own message says how long to wait.
        const limited = e.code === 'RATE_LIMITED';
        if (tries < 2 && !limited) continue;
        if (e.code !== 'NETWORK_ERROR' && !limited) this.unsettled.add(e);
        throw e;
      }
    }
  }

  /** The server's answer for `email`, shown when it is still the address in the field; rejects when there is none. */
  private async check(email: string): Promise<SsoDiscovery> {
    const client = this.host.auth.client;
    if (!client || !this.enabled()) return NONE;
    const found = await discoverSso(client, email);
    if (email === this.email) this.show(found.sso ? found.organizationSlug : null);
    return found;
  }

  private show(slug: string | null): void {
    if (slug === this.slug) return;
    this.slug = slug;
    this.host.requestUpdate();
    this.changed(slug);
  }
}
