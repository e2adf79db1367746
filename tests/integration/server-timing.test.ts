// The claim route's Server-Timing header (lib/server-timing.ts): rehearsal shoppers (the race CLI's)
// are told where each claim's time went, refusals included; a guest's claim carries none.
import { describe, expect, it } from "vitest";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { POST as mintRoute } from "@/app/api/shoppers/route";
import type { Shopper } from "@/lib/schemas/claim";
import { parseServerTiming } from "@/scripts/race/http-pool";
import { call, createDrop, mintShopper } from "./helpers";

const claim = (dropId: string, s: Shopper) => call(claimRoute, { params: { id: dropId }, token: s.token });
const timingOf = (headers: Headers) => {
  const header = headers.get("server-timing");
  return header === null ? undefined : parseServerTiming(header);
};

describe("Server-Timing on claims", () => {
  it("a rehearsal shopper's win and sold-out answer carry each phase; the win's db time is real", async () => {
    const drop = await createDrop({ totalStock: 1 });
    const won = await claim(drop.id, await mintShopper());
    expect(won.status).toBe(201);
    const t = timingOf(won.headers);
    expect(Object.keys(t ?? {})).toEqual(["total", "db", "cache", "gate", "replay"]);
    expect(t!.db).toBeGreaterThan(0); // slot, stock and claim writes
    expect(t!.total).toBeGreaterThanOrEqual(t!.db ?? Infinity);

    const refused = await claim(drop.id, await mintShopper());
    expect(refused.body.error?.code).toBe("SOLD_OUT");
    expect(timingOf(refused.headers)?.total).toBeGreaterThan(0);
  });

  it("a guest's claim carries no Server-Timing", async () => {
    const drop = await createDrop({ totalStock: 1 });
    const minted = await call(mintRoute, { path: "/api/shoppers", method: "POST" });
    const guest = minted.body as unknown as Shopper;
    expect(guest.rehearsal).toBe(false);
    const res = await claim(drop.id, guest);
    expect(res.status).toBe(201);
    expect(res.headers.get("server-timing")).toBeNull();
  });
});
