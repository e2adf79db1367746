import { describe, expect, it } from "vitest";
import { withClaim } from "@/lib/hooks/use-my-claims";
import type { Claim } from "@/lib/schemas/claim";

const claim = (id: string, status: Claim["status"]): Claim => ({
  id,
  dropId: "d",
  shopperId: "s",
  status,
  createdAt: "2026-11-27T00:00:00.000Z",
  holdExpiresAt: "2026-11-27T00:10:00.000Z",
});

describe("withClaim", () => {
  it("replaces the older copy in place, keeping the order", () => {
    const list = { claims: [claim("a", "expired"), claim("b", "held")] };
    expect(withClaim(list, claim("b", "confirmed")).claims.map((c) => [c.id, c.status])).toEqual([
      ["a", "expired"],
      ["b", "confirmed"],
    ]);
  });

  it("adds a claim the list has not loaded yet, newest last", () => {
    expect(withClaim({ claims: [claim("a", "expired")] }, claim("b", "released")).claims).toHaveLength(2);
    expect(withClaim(undefined, claim("b", "confirmed")).claims).toEqual([claim("b", "confirmed")]);
  });
});
