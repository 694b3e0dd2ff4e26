import type { AuthSnapshot } from './types.ts';

export type Listener = (snapshot: AuthSnapshot) => void;

export const EMPTY_LIST: readonly never[] = Object.freeze([]);

export const INITIAL_SNAPSHOT: AuthSnapshot = Object.freeze({
  status: 'loading',
  user: null,
  session: null,
  organizations: EMPTY_LIST,
  activeOrganization: null,
  pending: null,
  error: null,
});

/**
 * The auth state. A snapshot is frozen and replaced only when a field really changes, so
 * `getSnapshot()` identity is a cheap change test (React's useSyncExternalStore relies on it).
 */
export class SnapshotStore {
  #snapshot: AuthSnapshot = INITIAL_SNAPSHOT;
  #listeners = new Set<Listener>();

  get(): AuthSnapshot {
    return this.#snapshot;
  }

  /** Merges `patch`; notifies only if some field's identity changed. Returns whether it did. */
  set(patch: Partial<AuthSnapshot>): boolean {
    const current = this.#snapshot;
    let changed = false;
    for (const key of Object.keys(patch) as (keyof AuthSnapshot)[]) {
      if (!Object.is(current[key], patch[key])) {
        changed = true;
        break;
      }
    }
    if (!changed) return false;
    this.#snapshot = Object.freeze({ ...current, ...patch });
    for (const listener of [...this.#listeners]) {
      try {
        listener(this.#snapshot);
      } catch (error) {
        // One broken subscriber must not keep the others (or the client) from seeing the change.
        report(error);
      }
    }
    return true;
  }

  /**
   * Calls `listener` at once with the current snapshot (Svelte's store contract wants that, and
   * React's useSyncExternalStore tolerates it), then after every change.
   */
  subscribe(listener: Listener): () => void {
    const entry: Listener = (s) => listener(s);
    this.#listeners.add(entry);
    listener(this.#snapshot);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  clear(): void {
    this.#listeners.clear();
  }
}

/** Browsers' reportError logs like an uncaught error without unwinding the caller; Node 20 lacks it. */
export function report(error: unknown): void {
  const reportError = (globalThis as { reportError?: (e: unknown) => void }).reportError;
  if (typeof reportError === 'function') reportError(error);
  else console.error(error);
}
