// Nothing is sold outside the window, while paused or as a draft, and the write itself enforces it.
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import type { Phase } from "@/lib/stock/status";
import { newDropId } from "@/lib/drop/drops";
import { getSlot } from "@/lib/claim/slots";
import { takeUnit } from "@/lib/stock/take";
import type { CreateDropInput } from "@/lib/schemas/drop";
import { call, createDrop, createDropUnchecked, dropState, mintShopper, storedClaims } from "./helpers";

const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

async function setPhase(dropId: string, phase: Phase) {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.drop(dropId),
      UpdateExpression: "SET phase = :phase",
      ExpressionAttributeValues: { ":phase": phase },
    }),
  );
}

/** A fresh shopper's claim on the drop, and proof afterwards that it took nothing. */
async function claimTakesNothing(dropId: string, totalStock: number) {
  const shopper = await mintShopper();
  const res = await call(claimRoute, {
    method: "POST",
    path: `/api/drops/${dropId}/claims`,
    params: { id: dropId },
    token: shopper.token,
  });
  expect((await dropState(dropId))?.remainingStock).toBe(totalStock);
  expect(await storedClaims(dropId)).toEqual([]);
  expect((await getSlot({ dropId, shopperId: shopper.shopperId }))?.count ?? 0).toBe(0);
  return { status: res.status, code: res.body.error?.code, shopper };
}

describe("claims outside the window, paused or draft take nothing", () => {
  // The API refuses a window that has already ended, so that drop is written through the data layer.
  const cases: [string, number, string, Partial<CreateDropInput>, typeof createDrop][] = [
    ["before startsAt", 409, "NOT_STARTED", { startsAt: at(HOUR), endsAt: at(2 * HOUR) }, createDrop],
    ["after endsAt", 409, "ENDED", { startsAt: at(-2 * HOUR), endsAt: at(-HOUR) }, createDropUnchecked],
    ["a draft", 404, "NOT_FOUND", { draft: true }, createDrop],
  ];
  it.each(cases)("%s → %i %s", async (_name, status, code, input, create) => {
    const drop = await create({ ...input, totalStock: 5 });
    expect(await claimTakesNothing(drop.id, 5)).toMatchObject({ status, code });
  });

  it("a paused drop → 409 PAUSED, and a resume takes effect at once", async () => {
    const drop = await createDrop({ totalStock: 5 });
    await setPhase(drop.id, "paused");
    const { status, code, shopper } = await claimTakesNothing(drop.id, 5);
    expect({ status, code }).toEqual({ status: 409, code: "PAUSED" });

    await setPhase(drop.id, "active");
    const res = await call(claimRoute, {
      method: "POST",
      path: `/api/drops/${drop.id}/claims`,
      params: { id: drop.id },
      token: shopper.token,
    });
    expect(res.status).toBe(201);
    expect((await dropState(drop.id))?.remainingStock).toBe(4);
  });

  it("a drop ended early by the admin (phase ended, window still open) → 409 ENDED", async () => {
    const drop = await createDrop({ totalStock: 5 });
    await setPhase(drop.id, "ended");
    expect(await claimTakesNothing(drop.id, 5)).toMatchObject({ status: 409, code: "ENDED" });
  });
});

// takeUnit is called directly with its own `now`: the cached pre-check in lib/claim/claim-unit.ts never runs,
// so only the ConditionExpression stands between these calls and the stock.
/** THE write for a fresh claim id, at `now`. */
const take = (dropId: string, now: number) => takeUnit({ dropId, claimId: randomUUID(), now });

describe("takeUnit enforces the window inside the conditional write", () => {
  it("refuses a `now` before the start or at/after the end of a live drop, and sells at the edges", async () => {
    const drop = await createDrop({ totalStock: 5 });
    const { startsAt, endsAt } = (await dropState(drop.id))!;

    expect(await take(drop.id, startsAt - 1)).toBe("NOT_STARTED");
    expect(await take(drop.id, startsAt - HOUR)).toBe("NOT_STARTED");
    expect(await take(drop.id, endsAt)).toBe("ENDED");
    expect(await take(drop.id, endsAt + HOUR)).toBe("ENDED");
    expect((await dropState(drop.id))?.remainingStock).toBe(5);

    // The window is [startsAt, endsAt): its first and last millisecond sell.
    expect(await take(drop.id, startsAt)).toMatchObject({ remainingStock: 4 });
    expect(await take(drop.id, endsAt - 1)).toMatchObject({ remainingStock: 3 });
    expect((await dropState(drop.id))?.remainingStock).toBe(3);
  });

  it("refuses a scheduled drop at the real current time", async () => {
    const drop = await createDrop({ totalStock: 5, startsAt: at(HOUR), endsAt: at(2 * HOUR) });
    expect(await take(drop.id, Date.now())).toBe("NOT_STARTED");
    expect((await dropState(drop.id))?.remainingStock).toBe(5);
  });

  it.each([
    ["paused", "PAUSED"],
    ["ended", "ENDED"],
    ["draft", "NOT_FOUND"],
  ] as const)("refuses a drop whose phase is %s → %s", async (phase, refusal) => {
    const drop = await createDrop({ totalStock: 5 });
    await setPhase(drop.id, phase);
    expect(await take(drop.id, Date.now())).toBe(refusal);
    expect((await dropState(drop.id))?.remainingStock).toBe(5);
  });

  it("never takes stock below zero", async () => {
    const drop = await createDrop({ totalStock: 1 });
    expect(await take(drop.id, Date.now())).toMatchObject({ remainingStock: 0 });
    expect(await take(drop.id, Date.now())).toBe("SOLD_OUT");
    expect((await dropState(drop.id))?.remainingStock).toBe(0);
  });

  it("refuses an unknown drop without creating an item for it", async () => {
    const id = newDropId();
    expect(await take(id, Date.now())).toBe("NOT_FOUND");
    expect(await dropState(id)).toBeUndefined();
  });
});
