import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { JanuaAuthElement } from '../internal/auth-element.ts';
import { protectStyles } from './protect.styles.ts';

/**
 * This is UI, not security: it decides what to *show*, from the role in the signed-in user's
 * access token. Anything the content does must be checked again by your server (the Janua server
 * refuses what a role may not do, whatever the page shows).
 *
 * @summary Shows its content only when the user's role in the active organization matches;
 * otherwise the `fallback` slot; nothing at all while the session is still being restored.
 * @tag janua-protect
 * @slot - Shown when the role matches.
 * @slot fallback - Shown when it does not: signed out, no active organization, or another role.
 * @cssstate granted - The content is showing.
 */
export class JanuaProtect extends JanuaAuthElement {
  static override properties: PropertyDeclarations = {
    orgRole: { attribute: 'org-role' },
    anyRole: { attribute: 'any-role' },
  };
  static override styles = protectStyles;

  /**
   * The one role that shows the content (`owner`, `admin`, `member` or `viewer`): an exact
   * match, so `org-role="admin"` hides it from owners (use `any-role="owner admin"` for both).
   * Named `org-role`, not `role`: `role` is the ARIA attribute, and a value like `admin` there
   * would be an invalid ARIA role on the element.
   */
  declare orgRole: string | undefined;
  /** Space-separated roles, any of which shows the content. With neither attribute, any active organization does. */
  declare anyRole: string | undefined;
  private warned = false;

  constructor() {
    super();
    this.orgRole = undefined;
    this.anyRole = undefined;
  }

  /**
   * Whether the content shows: the session's organization role is one of those asked for. A
   * `role` attribute with neither `org-role` nor `any-role` (`<janua-protect role="admin">`, as
   * other kits write it) would otherwise ask for no role at all and show the content to every
   * member: it shows the fallback instead, with one console warning.
   */
  get granted(): boolean {
    const s = this.auth.snapshot;
    // The active organization's role (the session's, or the list's where the server cannot
    // switch and the page chose it), else the token's claim.
    const role = s?.status === 'signed-in' ? s.activeOrganization?.role ?? s.session?.orgRole : null;
    const wanted = `${this.orgRole ?? ''} ${this.anyRole ?? ''}`.split(/\s+/).filter(Boolean);
    if (!wanted.length && this.hasAttribute('role')) {
      if (!this.warned) console.warn('[janua] <janua-protect>: `role` is ARIA; write org-role="…" or any-role="…". Until then, the fallback shows.');
      this.warned = true;
      return false;
    }
    return Boolean(role && (!wanted.length || wanted.includes(role)));
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.setState('granted', this.granted);
  }

  protected override render(): TemplateResult | typeof nothing {
    if (!this.auth.snapshot || this.auth.status === 'loading') return nothing;
    return this.granted ? html`<slot></slot>` : html`<slot name="fallback"></slot>`;
  }
}
