// The page CSP opens Stripe's origins only when asked (PAYMENTS=stripe), and then exactly those that
// docs.stripe.com/security/guide#content-security-policy lists for Stripe.js (its Maps origins aside).
import { describe, expect, it } from "vitest";
import { pagePolicy } from "@/lib/security/headers";

/** "a b c; d e" → { a: ["b", "c"], d: ["e"] } */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split("; ").map((d) => {
      const [name, ...sources] = d.split(" ");
      return [name, sources];
    }),
  );
}

const nonce = "bm9uY2U=";

describe("pagePolicy and Stripe", () => {
  it("off by default: no Stripe origin anywhere, frames fall back to default-src 'self'", () => {
    for (const policy of [
      pagePolicy({ nonce }),
      pagePolicy({ nonce, stripe: false, dev: true, https: true }),
    ]) {
      expect(policy).not.toMatch(/stripe/i);
      expect(directives(policy)["frame-src"]).toBeUndefined();
    }
  });

  it("on: exactly Stripe.js's documented script, frame and API origins, and nothing else changes", () => {
    const off = directives(pagePolicy({ nonce }));
    const on = directives(pagePolicy({ nonce, stripe: true }));
    const added = (name: string) => (on[name] ?? []).filter((s) => !(off[name] ?? ["'self'"]).includes(s));
    expect(added("script-src")).toEqual(["https://js.stripe.com", "https://*.js.stripe.com"]);
    expect(added("frame-src")).toEqual([
      "https://js.stripe.com",
      "https://*.js.stripe.com",
      "https://hooks.stripe.com",
    ]);
    expect(added("connect-src")).toEqual(["https://api.stripe.com"]);
    expect(on["frame-src"]).toContain("'self'"); // the app's own frames stay as they were
    for (const name of Object.keys(on).filter((n) => !["script-src", "frame-src", "connect-src"].includes(n)))
      expect(on[name]).toEqual(off[name]);
    expect(Object.keys(on).filter((n) => !(n in off))).toEqual(["frame-src"]);
  });

  it("the nonce, 'strict-dynamic' and the dev build's eval are kept alongside Stripe's script", () => {
    const script = directives(pagePolicy({ nonce, stripe: true, dev: true }))["script-src"];
    expect(script).toEqual([
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      "'unsafe-eval'",
      "https://js.stripe.com",
      "https://*.js.stripe.com",
    ]);
  });
});
