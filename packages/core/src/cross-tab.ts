import type { User } from './types.ts';

/**
 * What tabs tell each other. Never a token: any script of the origin can listen on the channel,
 * and a token in a message would outlive the tab that owns it.
 */
export type TabMessage =
  /** The refresh cookie now belongs to session `sid` (a sign-in or a refresh happened). */
  | { type: 'session'; sid: string }
  /** Session `sid` ended; `everywhere` when the user signed out, so every tab must follow. */
  | { type: 'signed-out'; sid: string | null; everywhere: boolean }
  /** The user's profile changed. */
  | { type: 'user'; user: User }
  /** Session `sid` got new tokens with other claims (an organization switch): tabs holding it refresh. */
  | { type: 'refresh'; sid: string }
  /** A write changed what `resource` (of organization `key`, when given) holds: refetch it. */
  | { type: 'invalidate'; resource: ResourceName; key?: string };

/** The shared data that tabs invalidate in each other (see resource.ts). */
export type ResourceName = 'sessions' | 'passkeys' | 'mfa' | 'organizations' | 'members' | 'invitations';
const RESOURCES: readonly string[] = ['sessions', 'passkeys', 'mfa', 'organizations', 'members', 'invitations'];

export interface TabChannel {
  post(message: TabMessage): void;
  close(): void;
}

/** Opens the channel, or returns null where BroadcastChannel does not exist. */
export function openTabChannel(name: string, onMessage: (message: TabMessage) => void): TabChannel | null {
  if (typeof BroadcastChannel !== 'function') return null;
  const channel = new BroadcastChannel(name);
  channel.onmessage = (event: MessageEvent) => {
    const message = readMessage(event.data);
    if (message) onMessage(message);
  };
  // Node keeps the process alive while a channel is open; a client must not hold a server up.
  (channel as unknown as { unref?: () => void }).unref?.();
  return {
    post(message) {
      try {
        channel.postMessage(message);
      } catch {
        // A closed channel (destroy raced a late message) has nobody left to tell.
      }
    },
    close() {
      channel.onmessage = null;
      channel.close();
    },
  };
}

/** Same-origin scripts can post anything here; only well-formed messages are acted on. */
function readMessage(data: unknown): TabMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.type === 'session' && typeof m.sid === 'string') return { type: 'session', sid: m.sid };
  if (m.type === 'signed-out') {
    return {
      type: 'signed-out',
      sid: typeof m.sid === 'string' ? m.sid : null,
      everywhere: m.everywhere === true,
    };
  }
  if (m.type === 'user' && typeof m.user === 'object' && m.user !== null
    && typeof (m.user as User).id === 'string') {
    return { type: 'user', user: Object.freeze({ ...(m.user as User) }) };
  }
  if (m.type === 'refresh' && typeof m.sid === 'string') return { type: 'refresh', sid: m.sid };
  if (m.type === 'invalidate' && RESOURCES.includes(m.resource as string)) {
    const resource = m.resource as ResourceName;
    if (m.key === undefined) return { type: 'invalidate', resource };
    if (typeof m.key === 'string' && m.key.length <= 200) return { type: 'invalidate', resource, key: m.key };
  }
  return null;
}
