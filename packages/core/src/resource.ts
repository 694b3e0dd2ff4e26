import type { JanuaClient } from './client.ts';
import type { ResourceName } from './cross-tab.ts';
import { JanuaError } from './errors.ts';
import { internals, type Internals } from './internal.ts';
import { report } from './store.ts';

export type ResourceStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Frozen; a new object on every change, so identity is the change test (useSyncExternalStore). */
export interface ResourceSnapshot<T> {
  readonly status: ResourceStatus;
  /** The last data read; kept while a refetch runs or after it failed. */
  readonly data: T | null;
  readonly error: JanuaError | null;
}

const IDLE: ResourceSnapshot<never> = Object.freeze({ status: 'idle', data: null, error: null });
const noop = () => undefined;

/**
 * Server data of the signed-in user that elements share: one fetch for every subscriber, stale
 * after a write (here or in another tab), and gone when the user signs out or another signs in.
 */
export class Resource<T> {
  #state: ResourceSnapshot<T> = IDLE;
  readonly #listeners = new Set<(snapshot: ResourceSnapshot<T>) => void>();
  #pending: Promise<T> | null = null;
  #stale = false;
  /** Bumped by every fetch and every reset: only the newest fetch of the current user lands. */
  #seq = 0;

  constructor(
    readonly name: ResourceName,
    readonly key: string | null,
    private readonly hub: Hub,
    private readonly fetcher: () => Promise<T>,
  ) {
    hub.resources.add(this as Resource<unknown>);
  }

  getSnapshot(): ResourceSnapshot<T> {
    return this.#state;
  }

  /** Calls `listener` at once; the first subscriber starts a load when needed and signed in. */
  subscribe(listener: (snapshot: ResourceSnapshot<T>) => void): () => void {
    const entry = (s: ResourceSnapshot<T>) => listener(s);
    this.#listeners.add(entry);
    listener(this.#state);
    if (this.#listeners.size === 1) this.wake();
    return () => void this.#listeners.delete(entry);
  }

  /** The data, fetched only when there is none, it is stale, or the last fetch failed. */
  load(): Promise<T> {
    if (this.#pending && !this.#stale) return this.#pending;
    if (this.#state.status === 'ready' && !this.#stale) return Promise.resolve(this.#state.data as T);
    return this.refresh();
  }

  /** Fetches now; an older fetch still under way no longer lands. */
  refresh(): Promise<T> {
    const seq = ++this.#seq;
    this.#stale = false;
    this.#set({ status: 'loading', data: this.#state.data, error: null });
    const run = this.hub.ready().then(() => {
      if (!this.hub.uid) throw new JanuaError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
      return this.fetcher();
    }).then((data) => {
      if (seq === this.#seq) this.#set({ status: 'ready', data, error: null });
      return data;
    }, (error: unknown) => {
      const e = JanuaError.is(error) ? error : new JanuaError({ code: 'CLIENT_ERROR', message: String(error), cause: error });
      if (seq === this.#seq) this.#set(this.hub.uid ? { status: 'error', data: this.#state.data, error: e } : IDLE);
      throw e;
    });
    const pending = run.finally(() => {
      if (this.#pending === pending) this.#pending = null;
    });
    pending.catch(noop);
    this.#pending = pending;
    return pending;
  }

  /** Marks the data stale; refetches at once when someone is subscribed. */
  invalidate(): void {
    this.#stale = true;
    if (this.#listeners.size && this.hub.uid) this.refresh().catch(noop);
  }

  /** @internal Starts a load for subscribers that have nothing current. */
  wake(): void {
    if (this.#listeners.size && this.hub.uid && !this.#pending && (this.#stale || this.#state.status !== 'ready')) {
      this.refresh().catch(noop);
    }
  }

  /** @internal The user changed: forget everything, drop answers still on their way. */
  reset(): void {
    this.#seq++;
    this.#pending = null;
    this.#stale = false;
    this.#set(IDLE);
  }

  #set(state: ResourceSnapshot<T>): void {
    if (this.#state === state) return;
    this.#state = state === IDLE ? state : Object.freeze(state);
    for (const listener of [...this.#listeners]) {
      try {
        listener(this.#state);
      } catch (error) {
        // One broken subscriber must not keep the others from seeing the change.
        report(error);
      }
    }
  }
}

/** Per client: whose data the resources hold, and the invalidations that cross tabs. */
class Hub {
  readonly resources = new Set<Resource<unknown>>();
  /** User and session the data belongs to; null while signed out. */
  uid: string | null = null;

  constructor(readonly client: JanuaClient, readonly i: Internals) {
    client.subscribe((s) => {
      // Data read under another session (or user) may not hold for this one (`isCurrent`, say).
      const uid = s.status === 'signed-in' && s.user && s.session ? `${s.user.id} ${s.session.id}` : null;
      if (uid === this.uid) return;
      const previous = this.uid;
      this.uid = uid;
      for (const r of this.resources) {
        if (previous) r.reset();
        r.wake();
      }
    });
    i.tabs.add((m) => {
      if (m.type === 'invalidate') this.invalidate(m.resource, m.key, false);
    });
  }

  ready(): Promise<void> {
    return this.client.ready;
  }

  invalidate(name: ResourceName, key?: string | null, tell = true): void {
    for (const r of this.resources) if (r.name === name && (key == null || r.key === key)) r.invalidate();
    if (tell) this.i.post(key == null ? { type: 'invalidate', resource: name } : { type: 'invalidate', resource: name, key });
  }
}

const hubs = new WeakMap<JanuaClient, Hub>();

function hub(client: JanuaClient): Hub {
  let h = hubs.get(client);
  if (!h) hubs.set(client, (h = new Hub(client, internals(client))));
  return h;
}

export function resource<T>(client: JanuaClient, name: ResourceName, key: string | null, fetcher: () => Promise<T>): Resource<T> {
  return new Resource(name, key, hub(client), fetcher);
}

/** After a write: these resources refetch here (if watched) and in the other tabs. */
export function invalidate(client: JanuaClient, name: ResourceName, key?: string | null): void {
  hub(client).invalidate(name, key);
}
