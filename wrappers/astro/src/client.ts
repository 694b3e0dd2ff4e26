/**
 * @janua/astro/client: the page script. Creates the shared client for `api` with the
 * access-token cookie on, before or after the elements (JanuaClient.for turns the cookie on for
 * a client an element already created).
 */
import { JanuaClient, type SsrCookieOptions } from '@janua/core';

export function configure({ api, ssrCookie = true }: { api: string; ssrCookie?: boolean | SsrCookieOptions }): JanuaClient {
  return JanuaClient.for(api, { ssrCookie });
}
