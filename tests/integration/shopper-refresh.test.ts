// A shopper token still good is traded for a fresh one of the same shopper (an open tab keeps its
// holds past the first expiry); one that ran out is refused, like anywhere.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as refreshRoute } from "@/app/api/shoppers/refresh/route";
import { POST as mintRoute } from "@/app/api/shoppers/route";
import { hmac } from "@/lib/security/crypto";
import { issueShopperToken, verifyShopperToken } from "@/lib/auth/shopper";
import type { Shopper } from "@/lib/schemas/claim";
import { mintAs, newBrand, newMember } from "./brand-helpers";
import { adminToken, call } from "./helpers";

const refresh = (token: string) =>
  call(refreshRoute, { path: "/api/shoppers/refresh", method: "POST", token, json: {} });

describe("POST /api/shoppers/refresh", () => {
  it("gives the same shopper (and its mark) a token that runs out later", async () => {
    for (const token of [undefined, adminToken()]) {
      const minted = (await call(mintRoute, { path: "/api/shoppers", method: "POST", token }))
        .body as unknown as Shopper;
      await new Promise((r) => setTimeout(r, 1100)); // a later expiry, to the second
      const res = await refresh(minted.token);
      expect(res.status).toBe(200);
      const fresh = res.body as unknown as Shopper;
      expect(fresh.shopperId).toBe(minted.shopperId);
      expect(fresh.rehearsal).toBe(minted.rehearsal);
      expect(Date.parse(fresh.expiresAt)).toBeGreaterThan(Date.parse(minted.expiresAt));
      expect(verifyShopperToken(fresh.token)).toEqual(verifyShopperToken(minted.token));
    }
  });

  it("a brand's rehearsal shopper stays that brand's; one of the previous format comes back a guest", async () => {
    const brand = await newBrand("Refreshes");
    const minted = await mintAs((await newMember(brand.id, "manager")).cookie);
    const fresh = (await refresh(minted.token)).body as unknown as Shopper;
    expect(verifyShopperToken(fresh.token)).toEqual({
      shopperId: minted.shopperId,
      rehearsal: { brandId: brand.id },
    });

    const shopperId = randomUUID();
    const body = `${shopperId}.${Math.floor(Date.now() / 1000) + 3600}.r`;
    const previous = `${body}.${hmac(process.env.SESSION_SECRET as string, `shopper:v2:${body}`)}`;
    const res = await refresh(previous);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ shopperId, rehearsal: false });
    expect(verifyShopperToken((res.body as unknown as Shopper).token)).toEqual({ shopperId });
  });

  it("a token that ran out, or none, is a 401", async () => {
    const old = issueShopperToken({ now: Date.now() - 25 * 3_600_000 });
    expect((await refresh(old.token)).body.error?.code).toBe("UNAUTHENTICATED");
    expect(
      (await call(refreshRoute, { path: "/api/shoppers/refresh", method: "POST", json: {} })).status,
    ).toBe(401);
  });
});
