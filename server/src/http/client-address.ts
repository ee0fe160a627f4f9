/**
 * The client's address, for login rate limiting and the audit log: the socket's remote address,
 * or, when the server is configured to trust its proxy (`server.trustProxy`), the rightmost
 * X-Forwarded-For address that is not one of the trusted proxies (`server.trustedProxies`). The
 * leftmost entries are whatever the client wrote; only the ones appended by the proxies can be
 * believed, so the address is read from the right, skipping the proxies themselves.
 */
import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { AppEnv } from './context.ts';

/** The trusted proxies when none are configured: the loopback addresses. */
export const DEFAULT_TRUSTED_PROXIES: readonly string[] = ['127.0.0.1', '::1'];

/** A set of addresses and CIDR blocks of trusted proxies. */
export interface TrustedProxies {
  /** True when `address` (an IPv4 or IPv6 address) is one of the trusted proxies. */
  has(address: string): boolean;
}

/** An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) as plain IPv4; other addresses unchanged. */
function unmapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m?.[1] ?? address;
}

/** `address` or `address/prefix` parsed, or undefined when it is neither. */
function parseEntry(
  entry: string,
): { address: string; family: 'ipv4' | 'ipv6'; prefix: number | undefined } | undefined {
  const slash = entry.indexOf('/');
  const address = slash < 0 ? unmapped(entry) : entry.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return undefined;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (slash < 0) return { address, family, prefix: undefined };
  const prefixText = entry.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > (version === 4 ? 32 : 128)) return undefined;
  return { address, family, prefix };
}

/** True when `entry` is an IP address or a CIDR block (`10.0.0.0/8`, `fd00::/8`). */
export function isAddressOrCidr(entry: string): boolean {
  return parseEntry(entry) !== undefined;
}

/** The trusted proxies from a list of addresses and CIDR blocks; throws on an invalid entry. */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const parsed = parseEntry(entry.trim());
    if (parsed === undefined) {
      throw new TypeError(`not an IP address or CIDR block: ${JSON.stringify(entry)}`);
    }
    if (parsed.prefix === undefined) list.addAddress(parsed.address, parsed.family);
    else list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return {
    has(address) {
      const plain = unmapped(address);
      const version = isIP(plain);
      if (version === 0) return false;
      return list.check(plain, version === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/**
 * One X-Forwarded-For entry as a bare address (`[2001:db8::1]:443` → `2001:db8::1`,
 * `192.0.2.1:5000` → `192.0.2.1`, a zone index dropped), or undefined when it is not an address
 * (`unknown`, an obfuscated identifier, garbage).
 */
export function forwardedAddress(entry: string): string | undefined {
  let text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed?.[1] !== undefined) text = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d{1,5}$/.test(text)) text = text.slice(0, text.indexOf(':'));
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const address = unmapped(text);
  return isIP(address) === 0 ? undefined : address;
}

/**
 * The client address in an X-Forwarded-For value: the rightmost valid address that is not a
 * trusted proxy; the leftmost valid one when all are trusted; undefined when there is none.
 * Malformed entries are skipped.
 */
export function clientFromForwardedFor(
  header: string,
  trusted: TrustedProxies,
): string | undefined {
  const addresses = header
    .split(',')
    .map(forwardedAddress)
    .filter((a): a is string => a !== undefined);
  for (let i = addresses.length - 1; i >= 0; i--) {
    const address = addresses[i];
    if (address !== undefined && !trusted.has(address)) return address;
  }
  return addresses[0];
}

const LOOPBACK_PROXIES = trustedProxies(DEFAULT_TRUSTED_PROXIES);

/**
 * The address of the client that sent the request, or `unknown`. The trusted proxies are those
 * the application put on the context (`trustedProxies`), the loopback addresses otherwise.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const header = c.req.header('x-forwarded-for');
    if (header !== undefined) {
      const trusted = (c as Context<AppEnv>).get('trustedProxies') ?? LOOPBACK_PROXIES;
      const forwarded = clientFromForwardedFor(header, trusted);
      if (forwarded !== undefined) return forwarded;
    }
  }
  const env: unknown = c.env;
  if (typeof env === 'object' && env !== null && 'incoming' in env) {
    const incoming = (env as { incoming?: IncomingMessage }).incoming;
    const remote = incoming?.socket.remoteAddress;
    if (remote) return remote;
  }
  return 'unknown';
}
