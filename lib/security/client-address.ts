import "server-only";
import { env } from "@/lib/env";

// Whom a rate limit counts. Behind a trusted proxy (Vercel sets and overwrites x-forwarded-for;
// TRUST_PROXY, on by default there) the client's address comes from that header. Anywhere else
// the header is whatever the client sent and the socket's address is not given to a route, so
// there is no address: per-address limits are off (one shared bucket would let one client lock
// everyone out). IPv6 counts by its /64: one home or phone network holds a whole /64.

/** The client's address bucket, or undefined where none can be trusted. */
export function clientAddress(req: Request): string | undefined {
  if (!env().TRUST_PROXY) return undefined;
  const forwarded = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded ? addressBucket(forwarded) : "unknown";
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
