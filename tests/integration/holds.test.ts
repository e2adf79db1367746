// Holds end exactly once (confirm vs expiry vs release vs sweepers), expired units come back
// without waiting on TTL, and the audit heals units stranded by a crash, once.
import { afterEach, describe, expect, it } from "vitest";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { GET as stockRoute } from "@/app/api/drops/[id]/stock/route";
import { POST as confirmRoute } from "@/app/api/claims/[claimId]/confirm/route";
import { POST as releaseRoute } from "@/app/api/claims/[claimId]/release/route";
import { auditDrop } from "@/lib/claim/audit";
import { claimUnit } from "@/lib/claim/claim-unit";
import { trustedProof } from "@/lib/claim/guest-proof";
import { createDrop as createDropRecord, newDropId } from "@/lib/drop/drops";
import { faults } from "@/lib/claim/faults";
import { confirmHold } from "@/lib/claim/checkout";
import { expireHold, releaseExpiredHolds } from "@/lib/claim/holds";
import { getSlot } from "@/lib/claim/slots";
import { sleep } from "../../scripts/race/http-pool";
import { call, dropInput, dropState, mintShopper, mintShoppers, storedClaims, tally } from "./helpers";

const buyer = { name: "Ada Buyer", email: "ada@example.com", shippingAddress: "1 Drop Street, Springfield" };
const order = {
  productName: "Test drop",
  imageUrl: "",
  unitPriceCents: 1999,
  currency: "USD",
  quantity: 1,
  totalCents: 1999,
  buyer,
};

/** Holds shorter than the API allows (10 s), straight through the data layer, to race deadlines. */
async function dropWithShortHolds(totalStock: number, holdSeconds: number, maxPerShopper = 1) {
  const input = {
    ...dropInput({ totalStock }),
    description: "",
    imageUrl: "",
    currency: "USD",
    maxPerShopper,
    holdSeconds,
    draft: false,
  };
  return createDropRecord({ id: newDropId(), input });
}

async function expectReconciled(dropId: string) {
  const [state, claims] = await Promise.all([dropState(dropId), storedClaims(dropId)]);
  const live = claims.filter((c) => c.status === "held" || c.status === "confirmed").length;
  expect(state!.totalStock).toBe(state!.remainingStock + live);
}

afterEach(() => {
  delete faults.afterTakeUnit;
  delete faults.afterHoldEnded;
  delete faults.beforeCheckoutConfirm;
});

describe("confirm vs expire vs release", () => {
  it("200 confirm-vs-expire races on 1-second holds end each claim in exactly one state", async () => {
    const drop = await dropWithShortHolds(200, 1);
    const shoppers = await mintShoppers(200);
    const claims = await Promise.all(
      shoppers.map((s) => claimUnit({ dropId: drop.id, shopperId: s.shopperId, proof: trustedProof })),
    );
    const deadlines = claims.map((c) => Date.parse(c.claim.holdExpiresAt));

    // Each confirm arrives a millisecond before its deadline while an expiry a millisecond past it,
    // and two whole-drop sweepers, race it: every side's condition holds, only the status gate decides.
    // The expiry is sent as the confirm reaches its last write (the claim's status), just before it
    // for odd i and just after it for even i, so each side wins some races.
    const index = new Map(claims.map((c, i) => [c.claim.id, i]));
    const expire = (i: number) =>
      expireHold({ claimId: claims[i]!.claim.id, dropId: drop.id, now: deadlines[i]! + 1 });
    const expiries = new Map<number, Promise<boolean>>();
    // The sweepers start once half the confirms are at their last write, so they race those too.
    let halfway: () => void;
    const sweepersGo = new Promise<void>((resolve) => (halfway = resolve));
    faults.beforeCheckoutConfirm = (claimId) => {
      const i = index.get(claimId)!;
      expiries.set(i, i % 2 ? expire(i) : sleep(1).then(() => expire(i)));
      if (expiries.size === claims.length / 2) halfway();
    };
    const confirm = (i: number) =>
      confirmHold({
        claimId: claims[i]!.claim.id,
        dropId: drop.id,
        shopperId: shoppers[i]!.shopperId,
        order: { ...order, buyer: { ...buyer, email: `ada-${i}@example.com` } }, // one email, one shopper
        now: deadlines[i]! - 1,
      }).then(
        () => 200,
        (err: { code?: string }) => err.code,
      );
    const sweepAt = Math.max(...deadlines) + 1;
    const sweep = () =>
      sweepersGo.then(() => releaseExpiredHolds({ dropId: drop.id, now: sweepAt, limit: 500 }));
    const [sweepA, races, sweepB] = await Promise.all([
      sweep(),
      Promise.all(
        claims.map(async (_, i) => {
          const answer = await confirm(i);
          // A confirm the sweepers beat to its lease never got that far: its expiry finds the hold ended.
          return [answer, await (expiries.get(i) ?? expire(i))] as const;
        }),
      ),
      sweep(),
    ]);
    const answers = tally(races.map(([answer]) => String(answer)));
    const expiredByRace = races.filter(([, expired]) => expired).length;

    const stored = await storedClaims(drop.id);
    const byStatus = tally(stored.map((c) => c.status));
    console.log("confirm-vs-expire outcome", byStatus);
    expect(stored).toHaveLength(200);
    expect((byStatus.confirmed ?? 0) + (byStatus.expired ?? 0)).toBe(200);
    // Every confirm that answered 200 is a confirmed claim; every HOLD_EXPIRED is an expired one.
    expect(answers["200"] ?? 0).toBe(byStatus.confirmed ?? 0);
    expect(answers.HOLD_EXPIRED ?? 0).toBe(byStatus.expired ?? 0);
    // No expiry was done twice (the drop's own stock reads may have expired a few early holds too).
    expect(expiredByRace + sweepA + sweepB).toBeLessThanOrEqual(byStatus.expired ?? 0);
    expect(byStatus.confirmed).toBeGreaterThan(0);
    expect(byStatus.expired).toBeGreaterThan(0);
    // Stock came back exactly once for each expired hold.
    expect((await dropState(drop.id))!.remainingStock).toBe(byStatus.expired ?? 0);
    await expectReconciled(drop.id);
    expect((await auditDrop({ dropId: drop.id, now: Date.now() + 120_000 })).action).toBe("none");
  });

  it("release racing two sweepers returns the unit once", async () => {
    const drop = await dropWithShortHolds(20, 1);
    const shoppers = await mintShoppers(20);
    const claims = await Promise.all(
      shoppers.map((s) => claimUnit({ dropId: drop.id, shopperId: s.shopperId, proof: trustedProof })),
    );
    await sleep(1050);
    const now = Date.now();
    await Promise.all([
      ...claims.map(({ claim }, i) =>
        call(releaseRoute, { params: { claimId: claim.id }, token: shoppers[i]!.token }),
      ),
      releaseExpiredHolds({ dropId: drop.id, now }),
      releaseExpiredHolds({ dropId: drop.id, now }),
    ]);
    const stored = await storedClaims(drop.id);
    expect(stored.every((c) => c.status === "released" || c.status === "expired")).toBe(true);
    expect((await dropState(drop.id))!.remainingStock).toBe(20);
    for (const s of shoppers)
      expect((await getSlot({ dropId: drop.id, shopperId: s.shopperId }))?.count).toBe(0);
  });

  it("confirm is idempotent, owner-only, and refused after the deadline", async () => {
    const drop = await dropWithShortHolds(2, 1);
    const [a, b] = await mintShoppers(2);
    const { claim } = await claimUnit({ dropId: drop.id, shopperId: a!.shopperId, proof: trustedProof });
    const stranger = await call(confirmRoute, {
      params: { claimId: claim.id },
      token: b!.token,
      json: buyer,
    });
    expect(stranger.status).toBe(404);
    const first = await call(confirmRoute, { params: { claimId: claim.id }, token: a!.token, json: buyer });
    const again = await call(confirmRoute, { params: { claimId: claim.id }, token: a!.token, json: buyer });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body.claim).toEqual(first.body.claim);
    expect(first.body.claim?.orderNumber).toMatch(/^DR-/);

    const late = await claimUnit({ dropId: drop.id, shopperId: b!.shopperId, proof: trustedProof });
    await sleep(1100);
    const expired = await call(confirmRoute, {
      params: { claimId: late.claim.id },
      token: b!.token,
      json: buyer,
    });
    expect(expired.status).toBe(409);
    expect(expired.body.error?.code).toBe("HOLD_EXPIRED");
    expect((await dropState(drop.id))!.remainingStock).toBe(1);
  });
});

describe("expiry without TTL", () => {
  it("a sold-out drop's expired hold goes to the next shopper; stock shows 1 then 0", async () => {
    const drop = await dropWithShortHolds(1, 2);
    const [first, next] = await Promise.all([mintShopper(), mintShopper()]);
    const won = await call(claimRoute, { params: { id: drop.id }, token: first.token });
    expect(won.status).toBe(201);
    const refused = await call(claimRoute, { params: { id: drop.id }, token: next.token });
    expect(refused.body.error?.code).toBe("SOLD_OUT");

    await sleep(2100); // the deadline passes; nothing has swept yet
    const stock = await call(stockRoute, { params: { id: drop.id } });
    expect(stock.body.remainingStock).toBe(1);
    const second = await call(claimRoute, { params: { id: drop.id }, token: next.token });
    expect(second.status).toBe(201);
    await sleep(1050); // the stock read is cached for at most a second
    const after = await call(stockRoute, { params: { id: drop.id } });
    expect(after.body.remainingStock).toBe(0);
    expect(tally((await storedClaims(drop.id)).map((c) => c.status))).toEqual({ expired: 1, held: 1 });
  });
});

describe("audit after a crash", () => {
  it("returns a unit stranded between the stock write and the claim write, once", async () => {
    const drop = await dropWithShortHolds(5, 600);
    const shoppers = await mintShoppers(3);
    await claimUnit({ dropId: drop.id, shopperId: shoppers[0]!.shopperId, proof: trustedProof });
    faults.afterTakeUnit = () => {
      throw new Error("injected crash after the stock write");
    };
    await expect(
      claimUnit({ dropId: drop.id, shopperId: shoppers[1]!.shopperId, proof: trustedProof }),
    ).rejects.toThrow("injected crash");
    delete faults.afterTakeUnit;
    await claimUnit({ dropId: drop.id, shopperId: shoppers[2]!.shopperId, proof: trustedProof });
    expect((await dropState(drop.id))!.remainingStock).toBe(2); // 5 − 2 claims − 1 stranded

    const tooSoon = await auditDrop({ dropId: drop.id });
    expect(tooSoon).toMatchObject({ action: "waiting", unaccounted: 1, returned: 0 });
    const later = Date.now() + 61_000; // past the longest a writer can live
    expect(await auditDrop({ dropId: drop.id, now: later })).toMatchObject({
      action: "returned",
      returned: 1,
    });
    expect((await dropState(drop.id))!.remainingStock).toBe(3);
    expect(await auditDrop({ dropId: drop.id, now: later })).toMatchObject({ action: "none", returned: 0 });
    expect((await dropState(drop.id))!.remainingStock).toBe(3);
    await expectReconciled(drop.id);
  });

  it("returns a unit stranded between a release and the stock increment, once", async () => {
    const drop = await dropWithShortHolds(3, 600);
    const [a, b] = await mintShoppers(2);
    const { claim } = await claimUnit({ dropId: drop.id, shopperId: a!.shopperId, proof: trustedProof });
    await claimUnit({ dropId: drop.id, shopperId: b!.shopperId, proof: trustedProof });
    faults.afterHoldEnded = () => {
      throw new Error("injected crash after the hold ended");
    };
    const crashed = await call(releaseRoute, { params: { claimId: claim.id }, token: a!.token });
    expect(crashed.status).toBe(500);
    delete faults.afterHoldEnded;
    expect((await dropState(drop.id))!.remainingStock).toBe(1);

    const later = Date.now() + 61_000;
    expect(await auditDrop({ dropId: drop.id, now: later })).toMatchObject({
      action: "returned",
      returned: 1,
    });
    expect(await auditDrop({ dropId: drop.id, now: later })).toMatchObject({ action: "none", returned: 0 });
    expect((await dropState(drop.id))!.remainingStock).toBe(2);
    await expectReconciled(drop.id);
  });
});

describe("a shopper's slot stranded by a crash", () => {
  it("after a crashed release: the shopper can claim again once the writer is surely dead", async () => {
    const drop = await dropWithShortHolds(4, 600);
    const [a, b] = await mintShoppers(2);
    const { claim } = await claimUnit({ dropId: drop.id, shopperId: a!.shopperId, proof: trustedProof });
    await claimUnit({ dropId: drop.id, shopperId: b!.shopperId, proof: trustedProof });
    faults.afterHoldEnded = () => {
      throw new Error("injected crash after the hold ended");
    };
    expect((await call(releaseRoute, { params: { claimId: claim.id }, token: a!.token })).status).toBe(500);
    delete faults.afterHoldEnded;
    expect(await getSlot({ dropId: drop.id, shopperId: a!.shopperId })).toMatchObject({ count: 1 });

    const later = Date.now() + 61_000;
    const again = await claimUnit({
      dropId: drop.id,
      shopperId: a!.shopperId,
      now: later,
      proof: trustedProof,
    });
    expect(again.replay).toBe(false);
    expect(again.claim.id).not.toBe(claim.id);
    expect(await getSlot({ dropId: drop.id, shopperId: a!.shopperId })).toMatchObject({ count: 1 });
    // Its one live claim is the limit: the next click replays it, never takes a second unit.
    const replay = await claimUnit({
      dropId: drop.id,
      shopperId: a!.shopperId,
      now: later,
      proof: trustedProof,
    });
    expect(replay).toMatchObject({ replay: true, claim: { id: again.claim.id } });
    expect((await dropState(drop.id))!.remainingStock).toBe(1); // 4 − b − a's new hold − 1 stranded
  });

  it("after a crash between the stock write and the claim: refused while the writer may live, then freed", async () => {
    const drop = await dropWithShortHolds(10, 600, 2);
    const [a] = await mintShoppers(1);
    const shopperId = a!.shopperId;
    await claimUnit({ dropId: drop.id, shopperId, proof: trustedProof });
    faults.afterTakeUnit = () => {
      throw new Error("injected crash after the stock write");
    };
    await expect(claimUnit({ dropId: drop.id, shopperId, proof: trustedProof })).rejects.toThrow(
      "injected crash",
    );
    delete faults.afterTakeUnit;

    await expect(claimUnit({ dropId: drop.id, shopperId, proof: trustedProof })).rejects.toMatchObject({
      code: "LIMIT_REACHED",
    });
    const later = Date.now() + 61_000;
    expect((await claimUnit({ dropId: drop.id, shopperId, now: later, proof: trustedProof })).replay).toBe(
      false,
    );
    // Freed to the live claims only: the limit of two still holds.
    await expect(
      claimUnit({ dropId: drop.id, shopperId, now: later, proof: trustedProof }),
    ).rejects.toMatchObject({
      code: "LIMIT_REACHED",
    });
    expect(await getSlot({ dropId: drop.id, shopperId })).toMatchObject({ count: 2 });
    const live = (await storedClaims(drop.id)).filter((c) => c.status === "held");
    expect(live).toHaveLength(2);
  });
});
