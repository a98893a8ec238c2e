import {BlockList, isIP} from 'node:net';

/** Parses `--trust-proxy` entries (addresses or CIDR ranges) into a BlockList. */
export function trustedProxies(entries: string[]): BlockList {
  const list = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, bits] = entry.split('/');
    const family = isIP(address ?? '');
    if (!family) throw new Error(`[confab] Not an IP address or range: ${entry}`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(bits), type);
  }
  return list;
}

/** Strips the IPv4-mapped IPv6 prefix, zone ids and brackets. */
export function normalizeIp(address: string): string {
  let a = address
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) a = mapped[1]!;
  return a;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy, in which case the right-most
 * address in `X-Forwarded-For` that is not itself a trusted proxy.
 */
export function clientAddress(peer: string, forwardedFor: string | undefined, trusted: BlockList): string {
  let address = normalizeIp(peer);
  if (!forwardedFor || !isTrusted(trusted, address)) return address;
  const hops = forwardedFor
    .split(',')
    .map(normalizeIp)
    .filter((hop) => isIP(hop));
  for (let i = hops.length - 1; i >= 0; i--) {
    address = hops[i]!;
    if (!isTrusted(trusted, address)) break;
  }
  return address;
}

/** What rate limits count by: an IPv4 address, or the /64 network of an IPv6 address (one household or host). */
export function clientKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return (
    groups
      .slice(0, 4)
      .map((g) => g.padStart(4, '0'))
      .join(':') + '::/64'
  );
}
