import { afterAll, describe, expect, it, vi } from "vitest";
import { GET as proofRoute } from "@/app/api/drops/[id]/queue/proof/route";
import { prequeueRound } from "@/lib/draw/prequeue";
import { verifyQueueProof } from "@/lib/draw/verify-queue";
import { createDrop as createDropRecord } from "@/lib/drop/drops";
import { commitQueueSeed } from "@/lib/queue/seed";
import { openAtOf } from "@/lib/queue/settle";
import { joinLine, newTicketId } from "@/lib/queue/tickets";
import type { QueueProof } from "@/lib/schemas/queue";
import { RECORDED_STARTS_AT } from "../fixtures/published-queue";
import { recorded } from "../fixtures/published-draw";
import { drandRelay } from "./drand-relay";
import { call, ownTable } from "./helpers";

// A waiting room's pre-queue shuffled by the quicknet beacon, end to end: the server fetches the
// round prequeueRound(startsAt) fixes (from a relay on loopback serving the recorded round, checked
// by drand-client), orders the pre-queue with it, and publishes the round's signature in the proof,
// which verifyQueueProof then verifies as anyone would.

drandRelay();
// After the relay: the env is read once, by the table's creation, and must name it.
ownTable("queue-proof-test");
afterAll(() => vi.useRealTimers());

const at = (t: number) => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(t);
};

describe("a pre-queue shuffled by the beacon", () => {
  it("publishes the round's signature, and its proof verifies", async () => {
    // A drop whose pre-queue is shuffled by the recorded round: written past the API (its window has passed).
    const startsAt = Date.parse(RECORDED_STARTS_AT);
    expect(prequeueRound(startsAt)).toBe(recorded.round);
    const id = `qbeacon${Date.now().toString(36)}`;
    at(startsAt - 10 * 60_000);
    await commitQueueSeed({ dropId: id, beacon: "quicknet" });
    await createDropRecord({
      id,
      input: {
        name: "Beacon queue",
        description: "",
        imageUrl: "",
        priceCents: 100,
        currency: "USD",
        totalStock: 2,
        maxPerShopper: 1,
        holdSeconds: 60,
        startsAt: RECORDED_STARTS_AT,
        endsAt: new Date(startsAt + 3_600_000).toISOString(),
        draft: false,
        waitingRoom: { enabled: true, admitPerMinute: 60, prequeueMinutes: 15, passMinutes: 1 },
      },
    });
    for (const [i, shopperId] of ["a", "b", "c", "d", "e"].entries())
      await joinLine({ dropId: id, shopperId, now: startsAt - 60_000 + i, ticketId: newTicketId() });

    at(openAtOf(startsAt) + 3);
    const proof = (await call(proofRoute, { params: { id } })).body as unknown as QueueProof;
    expect(proof.beacon).toEqual({
      network: "quicknet",
      round: recorded.round,
      signature: recorded.signature,
    });
    expect(proof.revealed).toMatchObject({ randomness: recorded.randomness, count: 5 });
    expect(await verifyQueueProof(proof)).toEqual({ ok: true });
    // Without the signature, the randomness is not taken on trust.
    const unsigned = { ...proof, beacon: { network: "quicknet", round: recorded.round } };
    expect(await verifyQueueProof(unsigned)).toEqual({
      ok: false,
      differences: ["beacon signature is missing"],
    });
  });
});
