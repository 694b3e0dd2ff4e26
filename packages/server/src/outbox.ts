export interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The link the message carries (verification, magic link, reset), for tests and the demo. */
  link?: string;
  /** A one-time code the message carries (SMS, email code). */
  code?: string;
  sent_at: string;
}

export type MailInput = Omit<OutboxMessage, 'sent_at'>;

/** A real transport (SMTP, an email API) plugs in here; see AppOptions.mailer. */
export interface Mailer {
  send(message: OutboxMessage): void | Promise<void>;
}

/**
 * What the server "sent": kept in memory (bounded), printed through the logger, and, in dev
 * mode only, readable at `/api/v1/dev/outbox`.
 */
export class Outbox {
  private readonly messages: OutboxMessage[] = [];

  constructor(
    private readonly now: () => number,
    private readonly log: (line: string) => void,
    private readonly transport?: Mailer,
    private readonly capacity = 500,
  ) {}

  async send(input: MailInput): Promise<OutboxMessage> {
    const message: OutboxMessage = { ...input, sent_at: new Date(this.now()).toISOString() };
    this.messages.push(message);
    if (this.messages.length > this.capacity) this.messages.shift();
    this.log(`[outbox] to=${message.to} subject=${JSON.stringify(message.subject)}${message.link ? ` link=${message.link}` : ''}`);
    try {
      await this.transport?.send(message);
    } catch (error) {
      // The state change that caused the message is committed; a mail outage must not turn it into a 500.
      this.log(`[outbox] delivery to ${message.to} failed: ${(error as Error)?.message ?? error}`);
    }
    return message;
  }

  list(to?: string): OutboxMessage[] {
    const wanted = to?.toLowerCase();
    return this.messages.filter((m) => wanted === undefined || m.to.toLowerCase() === wanted).map((m) => ({ ...m }));
  }

  /** Drops what was sent to these addresses (an account deletion). */
  forget(addresses: readonly string[]): number {
    const gone = new Set(addresses.map((a) => a.toLowerCase()));
    const before = this.messages.length;
    for (let i = this.messages.length - 1; i >= 0; i--) if (gone.has(this.messages[i]!.to.toLowerCase())) this.messages.splice(i, 1);
    return before - this.messages.length;
  }

  clear(): void {
    this.messages.length = 0;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
