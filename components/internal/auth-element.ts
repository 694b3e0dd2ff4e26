import type { PropertyDeclarations } from 'lit';
import type { JanuaClient } from '@janua/core';
import { JanuaElement } from './janua-element.ts';
import { ClientController } from './client-controller.ts';

/** An element that talks to a Janua server: `client` property or `api` attribute or a provider. */
export class JanuaAuthElement extends JanuaElement {
  static override properties: PropertyDeclarations = {
    api: {},
    client: { attribute: false },
  };

  /** Base URL of the Janua server, for use without a `<janua-provider>`. */
  declare api: string | undefined;
  /** A client to use instead of a provider's or the `api` attribute's. */
  declare client: JanuaClient | undefined;

  /** @internal The client lookup and its live snapshot. */
  readonly auth = new ClientController(this);

  constructor() {
    super();
    this.api = undefined;
    this.client = undefined;
  }
}
