import { ipv6Groups } from '../http/address.ts';

/**
 * Where the server may send requests on behalf of an organization's IdP. Any signed-up user can
 * own an organization and name its issuer, so without these checks the server would fetch any
 * URL on its network for them (loopback admin ports, the cloud metadata address, private
 * services) and the answers would tell open ports from closed ones.
 *
 * Browser-safe: no Node imports. Name resolution comes from the host (`resolveHost`, node:dns in
 * startServer); without it only the scheme and literal addresses are checked.
 */

/** Every address a host name resolves to (IPv4 dotted, IPv6 textual). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export interface OutboundPolicy {
  /** Dev mode or the operator's explicit choice: http and loopback/private issuers are allowed. */
  allowPrivate: boolean;
  resolveHost: ResolveHost | null;
}

function ipv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}

function ipv4Range(a: number[]): string | null {
  const [x, y] = a as [number, number, number, number];
  if (x === 0) return 'unspecified';
  if (x === 127) return 'loopback';
  if (x === 10 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168)) return 'private';
  if (x === 169 && y === 254) return 'link-local';
  if (x === 100 && y >= 64 && y <= 127) return 'shared (CGNAT)';
  if (x === 192 && y === 0 && a[2] === 0) return 'IETF protocol assignments';
  if (x === 198 && (y === 18 || y === 19)) return 'benchmarking';
  if (x >= 224) return 'multicast or reserved';
  return null;
}

function ipv6Range(g: number[]): string | null {
  const zeroes = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroes(8)) return 'unspecified';
  if (zeroes(7) && g[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address.
  const embedded = [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff];
  if ((zeroes(5) && (g[5] === 0xffff || g[5] === 0)) || (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0))) {
    return ipv4Range(embedded);
  }
  if ((g[0]! & 0xfe00) === 0xfc00) return 'private (unique local)';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xffc0) === 0xfec0) return 'site-local';
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
  return null;
}

/** What kind of non-public address this is ("loopback", "private", …), or null for a public one or a name. */
export function nonPublicRange(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const v4 = ipv4(bare);
  if (v4) return ipv4Range(v4);
  const v6 = ipv6Groups(bare);
  return v6 ? ipv6Range(v6) : null;
}

/** A literal IP address (brackets allowed), as opposed to a host name. */
export function isIpLiteral(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return ipv4(bare) !== null || ipv6Groups(bare) !== null;
}

/**
 * What can be decided without the network: the scheme and a literal or `localhost` host. The
 * WHATWG URL parser has already turned "0x7f.1", "2130706433" and friends into dotted IPv4.
 * Returns why the URL is refused, or null.
 */
export function refuseStatically(url: URL, policy: OutboundPolicy): string | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'only http(s) URLs are fetched';
  if (policy.allowPrivate) return null;
  if (url.protocol !== 'https:') return 'the issuer must use https';
  if (url.username || url.password) return 'the URL carries credentials';
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is a loopback name`;
  const range = nonPublicRange(host);
  return range ? `${host} is a ${range} address` : null;
}

/**
 * The static checks, then every address the name resolves to (when a resolver is there). When
 * saving a connection a name that does not resolve passes (`unresolved: 'pass'`: a transient DNS
 * failure should not stop an owner, and every fetch checks again); before a fetch it is refused.
 */
export async function refuseUrl(url: URL, policy: OutboundPolicy, unresolved: 'pass' | 'refuse'): Promise<string | null> {
  const refused = refuseStatically(url, policy);
  if (refused || policy.allowPrivate || !policy.resolveHost || isIpLiteral(url.hostname)) return refused;
  let addresses: string[];
  try {
    addresses = await policy.resolveHost(url.hostname);
  } catch (error) {
    return unresolved === 'pass' ? null : `${url.hostname} does not resolve: ${(error as Error)?.message ?? error}`;
  }
  if (!addresses.length && unresolved === 'refuse') return `${url.hostname} resolves to no address`;
  for (const address of addresses) {
    const range = nonPublicRange(address);
    if (range) return `${url.hostname} resolves to a ${range} address`;
  }
  return null;
}
