import { nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import type { JanuaClient } from '@janua/core';
import { JanuaElement } from '../internal/janua-element.ts';
import { clientContext, clientFor } from '../internal/client-controller.ts';
import { adoptLightStyles } from '../internal/styles.ts';
import { providerStyles } from './provider.styles.ts';

/**
 * @summary Gives every Janua element inside it one client, so the server is named once per page.
 * @tag janua-provider
 * @slot - Any content; Janua elements in it use this provider's client.
 */
export class JanuaProvider extends JanuaElement {
  static override properties: PropertyDeclarations = {
    api: {},
    client: { attribute: false },
  };

  /** Base URL of the Janua server; the shared client for it is provided. */
  declare api: string | undefined;
  /** A ready-made client to provide; wins over `api`. */
  declare client: JanuaClient | undefined;

  private readonly provider = new ContextProvider(this, { context: clientContext });

  constructor() {
    super();
    this.api = undefined;
    this.client = undefined;
  }

  /** The client this provider hands down, if any. */
  get value(): JanuaClient | undefined {
    return this.client ?? (this.api ? clientFor(this.api, this) : undefined);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    adoptLightStyles(this, providerStyles);
    // Children connect right after us; give them the client now rather than after our first update.
    this.provider.setValue(this.value);
    super.connectedCallback();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.provider.setValue(this.value);
  }

  protected override render(): typeof nothing {
    return nothing;
  }
}
