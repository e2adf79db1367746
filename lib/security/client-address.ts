import "server-only";
import { isIP } from "node:net";
import { env } from "@/lib/env";

// Whom a rate limit counts (and the activity log names). Only a proxy we run can vouch for the
// client's address, so the address comes from what our own proxies wrote (docs/security.md, "The
// client address"):
// - TRUST_PROXY off (the default outside Vercel): the header is whatever the client sent, and the
//   socket's address is not given to a route, so there is none: per-address limits are off (one
//   shared bucket would let one client lock everyone out).
// - On Vercel (VERCEL=1): its edge's own `x-real-ip`, which it sets and a client cannot.
// - Behind proxies that append to x-forwarded-for (nginx's $proxy_add_x_forwarded_for, an ALB): the
//   entry TRUSTED_PROXY_HOPS from the right. Everything left of it was sent by the client. With
//   fewer entries than hops, the left-most: every entry there was written by one of our proxies.
// Ports are dropped ("203.0.113.7:4711", "[2001:db8::1]:443"); IPv6 counts by its /64: one home or
// phone network holds a whole /64. A missing or malformed entry at that place is no address a
// proxy of ours would write (a proxy set up wrongly, or a request that went round it): all such
// requests share the one bucket "unknown", so they are still counted, and never an error.

/** The bucket of requests whose address cannot be read where our proxy writes it. */
export const UNKNOWN_ADDRESS = "unknown";

/** The client's address bucket, or undefined where none can be trusted (TRUST_PROXY off). */
export function clientAddress(req: Request): string | undefined {
  const { TRUST_PROXY, TRUSTED_PROXY_HOPS, VERCEL } = env();
  if (!TRUST_PROXY) return undefined;
  return addressFromHeaders(req.headers, { hops: TRUSTED_PROXY_HOPS, vercel: VERCEL });
}

/** The address bucket our proxies vouch for in `headers` (pure: the rules above). */
export function addressFromHeaders(headers: Headers, { hops, vercel }: { hops: number; vercel: boolean }) {
  const entry = vercel ? headers.get("x-real-ip") : trustedEntry(headers.get("x-forwarded-for"), hops);
  const address = entry === undefined || entry === null ? undefined : parseAddress(entry);
  return address === undefined ? UNKNOWN_ADDRESS : addressBucket(address);
}

/**
 * The entry `hops` from the right of an x-forwarded-for list (several header lines arrive joined by
 * commas, in order), or the left-most when there are fewer.
 */
function trustedEntry(header: string | null, hops: number): string | undefined {
  if (!header) return undefined;
  const entries = header.split(",");
  return entries[Math.max(0, entries.length - hops)];
}

/**
 * The IP address in one entry, without its port or IPv6 zone: "203.0.113.7", "203.0.113.7:4711",
 * "2001:db8::1", "[2001:db8::1]", "[2001:db8::1]:443". Anything else is undefined.
 */
export function parseAddress(entry: string): string | undefined {
  let address = entry.trim();
  const bracketed = address.match(/^\[([^\]]*)\](?::\d{1,5})?$/);
  const v4WithPort = address.match(/^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/);
  if (bracketed) address = bracketed[1]!;
  else if (v4WithPort) address = v4WithPort[1]!;
  address = address.replace(/%[\w.-]*$/, ""); // fe80::1%eth0: the zone is the proxy's, not the client's
  const version = isIP(address);
  if (version === 4) return address;
  return version === 6 ? address.toLowerCase() : undefined;
}

/** IPv4 as it is; IPv6 (and IPv4-mapped IPv6) by its first 64 bits. */
export function addressBucket(address: string): string {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped) return mapped[1]!;
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
