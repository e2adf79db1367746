// The claim route's Server-Timing header (lib/server-timing.ts): rehearsal shoppers (the race CLI's)
// claiming on their brand's rehearsal drops are told where each claim's time went, refusals
// included; guests, and claims on other drops, get none.
import { describe, expect, it } from "vitest";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { POST as mintRoute } from "@/app/api/shoppers/route";
import type { Shopper } from "@/lib/schemas/claim";
import { parseServerTiming } from "@/scripts/race/http-pool";
import { mintAs, newBrand, newMember } from "./brand-helpers";
import { call, createDrop, mintShopper, mintShoppers } from "./helpers";

const claim = (dropId: string, s: Shopper, headers: Record<string, string> = {}) =>
  call(claimRoute, { params: { id: dropId }, token: s.token, headers });
const timingOf = (headers: Headers) => {
  const header = headers.get("server-timing");
  return header === null ? undefined : parseServerTiming(header);
};
const rehearsalDrop = (totalStock: number) => createDrop({ totalStock, rehearsal: true });

describe("Server-Timing on claims", () => {
  it("a rehearsal shopper's win and sold-out answer carry each phase; both waited on the database", async () => {
    const drop = await rehearsalDrop(1);
    const won = await claim(drop.id, await mintShopper());
    expect(won.status).toBe(201);
    const t = timingOf(won.headers);
    expect(Object.keys(t ?? {})).toEqual(["total", "db", "cache", "gate", "replay"]);
    expect(t!.db).toBeGreaterThan(0); // slot, stock and claim writes
    expect(t!.total).toBeGreaterThan(0);

    const refused = await claim(drop.id, await mintShopper());
    expect(refused.body.error?.code).toBe("SOLD_OUT");
    expect(timingOf(refused.headers)?.db).toBeGreaterThan(0); // its (batched) slot read
  });

  it("concurrent sold-out answers share a batched read and each counts its own wait", async () => {
    const drop = await rehearsalDrop(1);
    await claim(drop.id, await mintShopper());
    const answers = await Promise.all((await mintShoppers(8)).map((s) => claim(drop.id, s)));
    for (const a of answers) {
      expect(a.body.error?.code).toBe("SOLD_OUT");
      expect(timingOf(a.headers)?.db).toBeGreaterThan(0);
    }
  });

  it("a claim waiting in the take gate shows gate time; a retry waiting for its original shows replay", async () => {
    const gated = await rehearsalDrop(1);
    const racers = await Promise.all((await mintShoppers(2)).map((s) => claim(gated.id, s)));
    expect(racers.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(Math.max(...racers.map((r) => timingOf(r.headers)?.gate ?? 0))).toBeGreaterThan(0);

    const keyed = await rehearsalDrop(5);
    const s = await mintShopper();
    const both = await Promise.all([1, 2].map(() => claim(keyed.id, s, { "idempotency-key": "retry-1" })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(timingOf(both.find((r) => r.status === 200)!.headers)!.replay).toBeGreaterThan(0);
  });

  it("a refused request keeps its body and status, with the header", async () => {
    const drop = await rehearsalDrop(1);
    const s = await mintShopper();
    const bad = await claim(drop.id, s, { "idempotency-key": "" });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe("INVALID_REQUEST");
    expect(timingOf(bad.headers)?.total).toBeGreaterThan(0);
  });

  it("no Server-Timing for a guest, nor for a rehearsal shopper on a drop that is not a rehearsal", async () => {
    const drop = await createDrop({ totalStock: 2 });
    const minted = await call(mintRoute, { path: "/api/shoppers", method: "POST" });
    const guest = minted.body as unknown as Shopper;
    expect(guest.rehearsal).toBe(false);
    const byGuest = await claim(drop.id, guest);
    expect(byGuest.status).toBe(201);
    expect(byGuest.headers.get("server-timing")).toBeNull();

    const byRehearsal = await claim(drop.id, await mintShopper());
    expect(byRehearsal.status).toBe(201);
    expect(byRehearsal.headers.get("server-timing")).toBeNull();
  });

  it("none for another brand's rehearsal shopper on a brand's rehearsal drop; its own brand's get it", async () => {
    const [a, b] = [await newBrand("Timing A"), await newBrand("Timing B")];
    const race = await createDrop({ totalStock: 2, rehearsal: true, brandId: a.id, botDefence: "off" });
    const ofB = await mintAs((await newMember(b.id, "manager")).cookie);
    const byB = await claim(race.id, ofB);
    expect(byB.status).toBe(201);
    expect(byB.headers.get("server-timing")).toBeNull();
    const ofA = await mintAs((await newMember(a.id, "owner")).cookie);
    expect(timingOf((await claim(race.id, ofA)).headers)?.total).toBeGreaterThan(0);
  });
});
