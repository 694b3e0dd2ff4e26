import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createContext, ContextEvent } from '@lit/context';
import { JanuaClient, type AuthSnapshot } from '@janua/core';

/** What `<janua-provider>` provides to every element below it. */
export const clientContext = createContext<JanuaClient | undefined>(Symbol.for('janua-client'));

export interface ClientHost extends ReactiveControllerHost, HTMLElement {
  client?: JanuaClient | undefined;
  api?: string | undefined;
}

/**
 * Finds the element's client: the `client` property, then a `<janua-provider>` ancestor, then the
 * shared client for the `api` attribute. Keeps a live snapshot of its auth state.
 */
export class ClientController implements ReactiveController {
  /** The client in use, or undefined when none can be found (the host shows why). */
  client: JanuaClient | undefined;
  snapshot: AuthSnapshot | undefined;
  private provided: JanuaClient | undefined;
  private unsubscribeContext: (() => void) | undefined;
  private unsubscribeStore: (() => void) | undefined;
  private connected = false;

  constructor(private readonly host: ClientHost) {
    host.addController(this);
  }

  get status(): AuthSnapshot['status'] | undefined {
    return this.snapshot?.status;
  }

  hostConnected(): void {
    this.connected = true;
    this.requestContext();
    // A provider defined after us never heard our request; ask again once it exists.
    const provider = this.host.closest('janua-provider');
    if (provider && !customElements.get('janua-provider')) {
      void customElements.whenDefined('janua-provider').then(() => {
        if (this.connected && !this.provided) this.requestContext();
      });
    }
    this.attach(this.resolve());
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribeContext?.();
    this.unsubscribeContext = undefined;
    this.provided = undefined;
    this.attach(undefined);
  }

  hostUpdate(): void {
    // `client` or `api` may have changed since the last render.
    if (this.connected) this.attach(this.resolve());
  }

  /** Why there is no client: nothing configured, or an `api` that is not a server URL. */
  get problem(): 'missing' | 'invalid-api' | null {
    if (this.client) return null;
    return this.host.api ? 'invalid-api' : 'missing';
  }

  private resolve(): JanuaClient | undefined {
    const { client, api } = this.host;
    return client ?? this.provided ?? (api ? clientFor(api, this.host) : undefined);
  }

  private requestContext(): void {
    this.host.dispatchEvent(new ContextEvent(clientContext, this.host, (value, unsubscribe) => {
      if (this.unsubscribeContext && this.unsubscribeContext !== unsubscribe) this.unsubscribeContext();
      this.unsubscribeContext = unsubscribe;
      this.provided = value;
      this.host.requestUpdate();
    }, true));
  }

  private attach(next: JanuaClient | undefined): void {
    if (next === this.client && (this.unsubscribeStore || !next)) return;
    this.unsubscribeStore?.();
    this.unsubscribeStore = undefined;
    const changed = next !== this.client;
    this.client = next;
    this.snapshot = next?.getSnapshot();
    // A reconnect does not re-render by itself; a different client must.
    if (changed) this.host.requestUpdate();
    if (next) {
      this.unsubscribeStore = next.subscribe((snapshot) => {
        this.snapshot = snapshot;
        this.host.requestUpdate();
      });
    }
  }
}

const warned = new WeakMap<Element, string>();

/** The shared client for `api`, or undefined (with one console warning) when `api` is unusable. */
export function clientFor(api: string, host: Element): JanuaClient | undefined {
  try {
    return JanuaClient.for(api);
  } catch (error) {
    if (warned.get(host) !== api) {
      warned.set(host, api);
      console.warn(`[janua] <${host.localName}>: ${(error as Error).message}`);
    }
    return undefined;
  }
}
