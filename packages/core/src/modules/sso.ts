import type { JanuaClient } from '../client.ts';
import { JanuaError } from '../errors.ts';
import { internals } from '../internal.ts';
import { authorizationUrl, returnUrl } from './social.ts';

export interface SsoDiscovery {
  /** The email's domain signs in through its organization's identity provider. */
  readonly sso: boolean;
  readonly organizationSlug: string | null;
}

const NONE: SsoDiscovery = Object.freeze({ sso: false, organizationSlug: null });
const answers = new WeakMap<JanuaClient, Map<string, Promise<SsoDiscovery>>>();
/** Clients whose server has no `/sso/discover` (ext): they are not asked again. */
const absent = new WeakSet<JanuaClient>();

/**
 * Whether `email` signs in through enterprise SSO (`GET /sso/discover`, ext). The answer depends
 * on the domain only, so it is remembered per domain for the client's life. A server without the
 * route, or one that finds the address malformed, means "no SSO"; other failures reject (and are
 * not remembered).
 */
export function discoverSso(client: JanuaClient, email: string): Promise<SsoDiscovery> {
  const address = String(email ?? '').trim();
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  if (!address.includes('@') || !domain || absent.has(client)) return Promise.resolve(NONE);
  let byDomain = answers.get(client);
  if (!byDomain) answers.set(client, (byDomain = new Map()));
  let answer = byDomain.get(domain);
  if (!answer) {
    answer = internals(client).call<unknown>('GET', `/sso/discover?email=${encodeURIComponent(address)}`, undefined, { auth: false }).then(
      (body) => {
        const { sso, organization_slug: slug } = (body ?? {}) as { sso?: unknown; organization_slug?: unknown };
        return sso === true && typeof slug === 'string' && slug ? Object.freeze({ sso: true, organizationSlug: slug }) : NONE;
      },
      (error: unknown) => {
        if (JanuaError.is(error) && error.status === 404) absent.add(client);
        if (JanuaError.is(error) && (error.status === 404 || error.status === 422)) return NONE;
        throw error;
      },
    );
    const cache = byDomain;
    cache.set(domain, answer);
    answer.catch(() => cache.delete(domain));
  }
  return answer;
}

/**
 * Starts an SSO sign-in at the organization's identity provider (`POST /sso/initiate` asking for
 * JSON, since a script cannot follow a cross-origin redirect into a page); the caller sends the
 * browser to `url`. It comes back to `returnTo` (default: this page), marked for
 * `readAuthReturn`. Credentials go along, as for social sign-in.
 */
export async function startSso(client: JanuaClient, params: { organizationSlug: string; returnTo?: string }): Promise<{ url: string }> {
  const answer = await internals(client).call<unknown>('POST', '/sso/initiate', {
    organization_slug: params.organizationSlug,
    return_url: returnUrl(params.returnTo ?? globalThis.location?.href ?? '/', 'sso'),
  }, { auth: false, cookie: true });
  return { url: authorizationUrl(answer) };
}
