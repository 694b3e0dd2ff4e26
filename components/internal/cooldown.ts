import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A visible wait before something may be done again (resend a code or a link): whole seconds
 * left, re-rendered once a second while it runs. The length comes from the caller: the server's
 * `Retry-After` when it gave one, else the element's setting, so tests can make it short.
 */
export class Cooldown implements ReactiveController {
  private until = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Whole seconds left; 0 when it may be done now. */
  get remaining(): number {
    return Math.max(0, Math.ceil((this.until - Date.now()) / 1000));
  }

  start(seconds: number): void {
    this.until = Date.now() + Math.max(0, seconds) * 1000;
    this.host.requestUpdate();
    this.run();
  }

  hostConnected(): void {
    this.run();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private run(): void {
    this.stop();
    if (!this.remaining) return;
    this.timer = setInterval(() => {
      this.host.requestUpdate();
      if (!this.remaining) this.stop();
    }, 250);
  }

  private stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
