// Whose address a request comes from (lib/security/client-address.ts): what our own proxies wrote,
// read from the right of x-forwarded-for past TRUSTED_PROXY_HOPS, never what the client sent.
import { describe, expect, it } from "vitest";
import { addressBucket, addressFromHeaders, parseAddress } from "@/lib/security/client-address";

const from = (headers: Record<string, string>, hops = 1, vercel = false) =>
  addressFromHeaders(new Headers(headers), { hops, vercel });
const xff = (value: string, hops = 1) => from({ "x-forwarded-for": value }, hops);

describe("x-forwarded-for behind appending proxies", () => {
  it("one proxy (nginx, an ALB): the right-most entry, whatever the client put before it", () => {
    expect(xff("203.0.113.7")).toBe("203.0.113.7");
    expect(xff("1.1.1.1, 203.0.113.7")).toBe("203.0.113.7");
    expect(xff("1.1.1.1,2.2.2.2,   203.0.113.7")).toBe("203.0.113.7");
    // Two header lines arrive joined by a comma, in order: the proxy's line is the last.
    const h = new Headers();
    h.append("x-forwarded-for", "9.9.9.9");
    h.append("x-forwarded-for", "203.0.113.7");
    expect(addressFromHeaders(h, { hops: 1, vercel: false })).toBe("203.0.113.7");
  });

  it("two proxies (a CDN, then an ALB): the second entry from the right", () => {
    expect(xff("1.1.1.1, 203.0.113.7, 198.51.100.2", 2)).toBe("203.0.113.7");
    expect(xff("203.0.113.7, 198.51.100.2", 2)).toBe("203.0.113.7");
  });

  it("fewer entries than hops: the left-most, the farthest one a proxy of ours wrote", () => {
    expect(xff("203.0.113.7", 2)).toBe("203.0.113.7");
    expect(xff("203.0.113.7, 198.51.100.2", 3)).toBe("203.0.113.7");
  });

  it("ports are dropped: the same client on another port is the same address", () => {
    expect(xff("1.1.1.1, 203.0.113.7:4711")).toBe("203.0.113.7");
    expect(xff("[2001:db8:1:2::9]:443")).toBe("2001:db8:1:2::/64");
    expect(xff("[2001:db8:1:2::9]")).toBe("2001:db8:1:2::/64");
    expect(xff("[::ffff:203.0.113.7]:80")).toBe("203.0.113.7");
  });

  it("bracketless IPv6 (and upper case, and a zone) counts by its /64", () => {
    expect(xff("2001:DB8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(xff("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("a missing, empty or malformed entry where our proxy writes is the shared bucket 'unknown', never an error", () => {
    for (const value of [
      "",
      " ",
      ",",
      "1.1.1.1, ",
      "unknown",
      "1.1.1.1, not-an-ip",
      "1.1.1.1, 203.0.113.999",
      "203.0.113.07",
      "203.0.113.7:port",
      "[203.0.113.7",
      "2001:db8::1::2",
      "_hidden",
    ])
      expect([value, xff(value)]).toEqual([value, "unknown"]);
    expect(from({})).toBe("unknown");
    // A malformed entry the client wrote further left does not matter.
    expect(xff("<script>, 203.0.113.7")).toBe("203.0.113.7");
  });
});

describe("on Vercel", () => {
  it("its edge's x-real-ip, never the x-forwarded-for a client could have written", () => {
    expect(from({ "x-real-ip": "203.0.113.7", "x-forwarded-for": "1.1.1.1" }, 1, true)).toBe("203.0.113.7");
    expect(from({ "x-real-ip": "2001:db8:1:2::9" }, 1, true)).toBe("2001:db8:1:2::/64");
    expect(from({ "x-forwarded-for": "203.0.113.7" }, 1, true)).toBe("unknown");
  });
});

describe("the parts", () => {
  it("parseAddress keeps the address alone", () => {
    expect(parseAddress(" 203.0.113.7:1 ")).toBe("203.0.113.7");
    expect(parseAddress("[2001:DB8::1]:8080")).toBe("2001:db8::1");
    expect(parseAddress("2001:db8::1")).toBe("2001:db8::1");
    expect(parseAddress("example.com")).toBeUndefined();
  });

  it("addressBucket counts IPv6 by its /64 and IPv4-mapped IPv6 as IPv4", () => {
    expect(addressBucket("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8:1:2::9")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(addressBucket("192.0.2.7")).toBe("192.0.2.7");
  });
});
