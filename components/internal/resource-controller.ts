import type { ReactiveController } from 'lit';
import type { JanuaClient, Resource, ResourceSnapshot } from '@janua/core';
import type { JanuaAuthElement } from './auth-element.ts';

/**
 * Keeps a host subscribed to one of a core module's resources (`sessions(client).list`, …) while
 * its user is signed in: the first subscriber loads, writes anywhere refetch, and a sign-out or
 * another client lets go. `snapshot` is current before each render.
 */
export class ResourceController<T> implements ReactiveController {
  snapshot: ResourceSnapshot<T> | undefined;
  private client: JanuaClient | undefined;
  private off: (() => void) | undefined;

  constructor(private readonly host: JanuaAuthElement, private readonly pick: (client: JanuaClient) => Resource<T>) {
    host.addController(this);
  }

  /** The data once loaded (kept while a refetch runs or after one failed). */
  get data(): T | null {
    return this.snapshot?.data ?? null;
  }

  hostUpdate(): void {
    const auth = this.host.auth;
    this.follow(auth.status === 'signed-in' ? auth.client : undefined);
  }

  hostDisconnected(): void {
    this.follow(undefined);
  }

  /** Fetches again (a retry after a failed load). */
  retry(): void {
    if (this.client) this.pick(this.client).refresh().catch(() => undefined);
  }

  private follow(client: JanuaClient | undefined): void {
    if (client === this.client) return;
    this.off?.();
    this.off = undefined;
    this.client = client;
    this.snapshot = undefined;
    if (client) {
      this.off = this.pick(client).subscribe((snapshot) => {
        this.snapshot = snapshot;
        this.host.requestUpdate();
      });
    }
  }
}
