// The admin's draw panel: winners' holds are the drawn drop's first claims, backfills the later ones.
import { describe, expect, it } from "vitest";
import { drawProgress } from "@/components/admin/draw-progress";
import type { Claim } from "@/lib/schemas/claim";

const claim = (id: string, status: Claim["status"]): Claim => ({
  id,
  dropId: "d1",
  shopperId: `s-${id}`,
  status,
  createdAt: "2026-07-04T22:00:00.000Z",
  holdExpiresAt: "2026-07-04T22:10:00.000Z",
});

describe("drawProgress", () => {
  it("counts the winners' holds, then the backfills down the waitlist", () => {
    const claims = [claim("a", "confirmed"), claim("b", "expired"), claim("c", "held")];
    expect(drawProgress(claims, 2)).toEqual({
      winners: { held: 0, confirmed: 1, ended: 1 },
      backfills: { held: 1, confirmed: 0, ended: 0, total: 1 },
      offered: 3,
    });
  });

  it("before any hold is written, nothing is offered", () => {
    expect(drawProgress([], 2)).toEqual({
      winners: { held: 0, confirmed: 0, ended: 0 },
      backfills: { held: 0, confirmed: 0, ended: 0, total: 0 },
      offered: 0,
    });
  });
});
