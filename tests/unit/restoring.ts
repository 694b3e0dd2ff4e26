import { JanuaClient } from '@janua/core';
import { API, PASSWORD } from './helpers.ts';
import type { Server } from './account-helpers.ts';

/**
 * A client that restores a session the way a page load does (cookie mode: `POST /auth/refresh`
 * with no token in the body), held until `release()`: meanwhile its status is `loading`, which
 * is the state elements must hold their size in. The refresh cookie is played by a refresh token
 * the test obtained by signing in, and kept current as it rotates. Release it before the test
 * ends: a held restore keeps the page's cross-tab refresh lock, which every other cookie-mode
 * client of the same API waits for.
 */
export async function restoringClient(server: Server, email: string): Promise<{ client: JanuaClient; release(): void }> {
  const signIn = await server.app.fetch(new Request(`${API}/api/v1/auth/signin`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }),
  }));
  let refreshToken = ((await signIn.json()) as { tokens: { refresh_token: string } }).tokens.refresh_token;
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let request = new Request(input, init);
    if (new URL(request.url).pathname.endsWith('/auth/refresh')) {
      await gate;
      request = new Request(request.url, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refresh_token: refreshToken }),
      });
      const response = await server.app.fetch(request);
      const body = (await response.clone().json().catch(() => null)) as { refresh_token?: string } | null;
      if (body?.refresh_token) refreshToken = body.refresh_token;
      return response;
    }
    return server.fetch(request);
  };
  const client = new JanuaClient({ api: API, fetch, refreshTransport: 'cookie', crossTab: false });
  return { client, release: () => open() };
}
