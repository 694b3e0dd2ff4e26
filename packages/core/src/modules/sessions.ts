import type { ApiSessionList } from '../api-types.ts';
import type { JanuaClient } from '../client.ts';
import { camelList, defineModule, seg } from '../internal.ts';
import { invalidate, resource, type Resource } from '../resource.ts';

/** camelCase of the API's session. */
export interface SessionInfo {
  id: string;
  ipAddress: string | null;
  userAgent: string | null;
  deviceName: string;
  browser: string | null;
  os: string | null;
  /** (ext) The kind of device; absent from servers that do not send it. */
  deviceType?: 'desktop' | 'mobile' | 'tablet' | 'tv' | null;
  /** (ext) The model when the user agent names one ("iPhone"). */
  deviceModel?: string | null;
  isCurrent: boolean;
  createdAt: string;
  lastActivityAt: string;
  expiresAt: string;
}

export interface SessionsModule {
  /** The signed-in user's live sessions, the current one first. */
  readonly list: Resource<readonly SessionInfo[]>;
  /** Ends a session at once. The current one is a sign-out: this tab and every other one. */
  revoke(id: string): Promise<void>;
  /** Ends every session but this one. */
  revokeOthers(): Promise<{ revokedCount: number }>;
}

/** The user's sessions (devices), for an "active sessions" page. */
export const sessions: (client: JanuaClient) => SessionsModule = /* @__PURE__ */ defineModule((client, i) => {
  const list = resource(client, 'sessions', null, async () =>
    camelList<SessionInfo>((await i.call<ApiSessionList>('GET', '/sessions/'))?.sessions));
  return {
    list,
    async revoke(id) {
      if (id === i.get().session?.id) return client.signOut();
      await i.call('DELETE', `/sessions/${seg(id)}`);
      invalidate(client, 'sessions');
    },
    async revokeOthers() {
      const res = await i.call<{ revoked_count?: number }>('DELETE', '/sessions/');
      invalidate(client, 'sessions');
      return { revokedCount: Number(res?.revoked_count ?? 0) };
    },
  };
});
