/**
 * The client's address as a rate-limit key. One IPv6 subscriber is handed a whole /64 and may
 * pick a new address in it for every request, so an IPv6 address counts as its /64. An IPv4
 * client that reaches a dual-stack socket arrives as IPv4-mapped IPv6 (`::ffff:192.0.2.1`) and
 * counts as that IPv4 address, the same as over IPv4. Anything that is not an IPv6 address
 * (IPv4, `unknown`) is the key as it is.
 */
export function addressKey(address: string): string {
  const groups = ipv6Groups(address);
  if (!groups) return address;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
const DOTTED_TAIL = /^(.*):(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The eight 16-bit groups of an IPv6 address (brackets and a zone allowed), or null. */
export function ipv6Groups(text: string): number[] | null {
  let rest = text.trim().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (!rest.includes(':')) return null;
  // A dotted quad may stand for the last two groups: `::ffff:192.0.2.1`, `::192.0.2.1`.
  const tail: number[] = [];
  const dotted = DOTTED_TAIL.exec(rest);
  if (dotted) {
    const bytes = dotted.slice(2, 6).map(Number);
    if (bytes.some((b) => b > 255)) return null;
    tail.push((bytes[0]! << 8) | bytes[1]!, (bytes[2]! << 8) | bytes[3]!);
    // Keep a "::" that ends right before the quad.
    rest = dotted[1]!.endsWith(':') ? `${dotted[1]}:` : dotted[1]!;
  }
  const halves = rest.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => (HEX_GROUP.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]!);
  const end = halves.length === 2 ? parse(halves[1]!) : [];
  if ([...head, ...end].some(Number.isNaN)) return null;
  const known = head.length + end.length + tail.length;
  if (halves.length === 2 ? known > 7 : known !== 8) return null;
  return [...head, ...new Array<number>(8 - known).fill(0), ...end, ...tail];
}
