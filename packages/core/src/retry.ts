/**
 * Tries again after 1 s, 2 s, 4 s … up to 30 s, and at once when the browser says it is back
 * online. For a session restore that could not reach the server: the session may be alive, so
 * the client keeps trying instead of declaring the user signed out.
 */
export class Retry {
  #timer: ReturnType<typeof setTimeout> | null = null;
  #attempt = 0;
  #run: (() => void) | null = null;
  readonly #onOnline = () => this.#fire();

  /** Runs `run` after the next delay, or after `atLeast` ms if that is longer (a 429's `Retry-After`). */
  schedule(run: () => void, atLeast = 0): void {
    this.cancel();
    this.#run = run;
    const delay = Math.max(atLeast, Math.min(30_000, 1_000 * 2 ** this.#attempt++));
    this.#timer = setTimeout(() => this.#fire(), delay);
    (this.#timer as unknown as { unref?: () => void }).unref?.();
    globalThis.addEventListener?.('online', this.#onOnline);
  }

  /** Stops waiting; the next `schedule` starts over from the first delay when `reset`. */
  cancel(reset = false): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#run = null;
    globalThis.removeEventListener?.('online', this.#onOnline);
    if (reset) this.#attempt = 0;
  }

  #fire(): void {
    const run = this.#run;
    this.cancel();
    run?.();
  }
}
