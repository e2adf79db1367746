// verifyQueueProof (issue 25): an honest pre-queue proof, as GET /api/drops/{id}/queue/proof
// publishes it once drawn, verifies with the recorded quicknet round and without a beacon; each
// tampering — a changed seed, two tickets swapped, a ticket added or removed, a wrong round,
// signature or randomness — fails naming what differs; a proof not drawn yet is not verified.
import { describe, expect, it } from "vitest";
import { prequeueRound } from "@/lib/draw/prequeue";
import { verifyQueueProof } from "@/lib/draw/verify-queue";
import { queueProofSchema, type QueueProof } from "@/lib/schemas/queue";
import { fixtureSeed, recorded } from "../fixtures/published-draw";
import { RECORDED_STARTS_AT, fixtureTicketIds, publishedQueueProof } from "../fixtures/published-queue";

const TICKETS = fixtureTicketIds(12);
const honest = publishedQueueProof({ ticketIds: TICKETS });
const revealed = honest.revealed!;
const [first, second, ...rest] = revealed.order;
const tampered = (over: Partial<NonNullable<QueueProof["revealed"]>>, proof = honest): QueueProof => ({
  ...proof,
  revealed: { ...proof.revealed!, ...over },
});
const differences = async (proof: QueueProof, ticketId?: string) => {
  const verdict = await verifyQueueProof(proof, { ticketId });
  return verdict.ok ? [] : verdict.differences;
};
const flipped = (hex: string) => hex.slice(0, -1) + (hex.endsWith("0") ? "1" : "0");

describe("verifyQueueProof", () => {
  it("verifies an honest proof, with the recorded round and without a beacon, as its JSON travels", async () => {
    expect(prequeueRound(RECORDED_STARTS_AT)).toBe(recorded.round);
    expect(await verifyQueueProof(honest)).toEqual({ ok: true });
    expect(await verifyQueueProof(queueProofSchema.parse(JSON.parse(JSON.stringify(honest))))).toEqual({
      ok: true,
    });
    expect(await verifyQueueProof(publishedQueueProof({ ticketIds: TICKETS, beacon: false }))).toEqual({
      ok: true,
    });
    expect(await verifyQueueProof(publishedQueueProof({ ticketIds: [] }))).toEqual({ ok: true });
  });

  it("is not verified before the pre-queue is drawn", async () => {
    expect(await differences({ ...honest, revealed: null })).toEqual([
      `not drawn yet: the pre-queue's order is revealed 21 s after the drop's start (${RECORDED_STARTS_AT}), once every ticket is in`,
    ]);
  });

  it("fails a changed seed, and a seed that is no seed", async () => {
    expect(await differences(tampered({ seed: fixtureSeed("another seed") }))).toContain(
      "seed does not match the commitment",
    );
    // Redone with another seed, order and all: still not the committed one.
    const redone = publishedQueueProof({ ticketIds: TICKETS, seed: fixtureSeed("other") });
    expect(await differences({ ...redone, commitment: honest.commitment })).toEqual([
      "seed does not match the commitment",
    ]);
    expect(await differences(tampered({ seed: "not hex" }))).toEqual([
      "seed is not 32 bytes of hex",
      "the order cannot be recomputed without the seed",
    ]);
  });

  it("fails two tickets swapped, naming both places", async () => {
    expect(await differences(tampered({ order: [second!, first!, ...rest] }))).toEqual([
      `place 1 should be ${first}, is ${second}`,
      `place 2 should be ${second}, is ${first}`,
    ]);
  });

  it("fails a ticket added or removed, a wrong count and a repeated ticket", async () => {
    const removed = await differences(
      tampered({ order: revealed.order.slice(1), count: TICKETS.length - 1 }),
    );
    expect(removed).toContainEqual(
      expect.stringMatching(/^ticketsHash differs: tickets were added or removed/),
    );
    const added = await differences(tampered({ order: [...revealed.order, "f".repeat(24)] }));
    expect(added).toContain(`count is ${TICKETS.length}, but the order has ${TICKETS.length + 1} tickets`);
    expect(added).toContainEqual(expect.stringMatching(/^ticketsHash differs/));
    expect(await differences(tampered({ count: 99 }))).toEqual([
      `count is 99, but the order has ${TICKETS.length} tickets`,
    ]);
    const repeated = await differences(tampered({ order: [...revealed.order, first!] }));
    expect(repeated).toContain(`ticket ${first} appears more than once in the order`);
  });

  it("fails a round other than the one startsAt fixes, a wrong signature and a wrong randomness", async () => {
    const later = { ...honest, startsAt: "2026-07-23T08:38:06.000Z" };
    expect(await differences(later)).toEqual([
      `beacon round is ${recorded.round}, but the round after the pre-queue is complete (startsAt + 21 s) is ${recorded.round + 1200}`,
    ]);
    const signed = { ...honest, beacon: { ...honest.beacon!, signature: flipped(recorded.signature) } };
    expect(await differences(signed)).toContain(
      `beacon signature invalid: it is not quicknet's signature of round ${recorded.round}`,
    );
    expect(await differences(tampered({ randomness: fixtureSeed("not it") }))).toEqual([
      "randomness is not SHA-256 of the signature",
    ]);
    const unsigned = { ...honest, beacon: { network: "quicknet", round: recorded.round } };
    expect(await differences(unsigned)).toEqual(["beacon signature is missing"]);
    // Without a beacon the randomness is "": any other, and the order it gave, fail.
    const off = publishedQueueProof({ ticketIds: TICKETS, beacon: false });
    const claimed = await differences(tampered({ randomness: recorded.randomness }, off));
    expect(claimed[0]).toBe(`randomness is "${recorded.randomness}" without a beacon: it should be ""`);
  });

  it("finds a ticket in the order, and names one that is missing", async () => {
    expect(await verifyQueueProof(honest, { ticketId: second! })).toEqual({ ok: true });
    expect(await differences(honest, "a".repeat(24))).toEqual([
      `ticket ${"a".repeat(24)} is MISSING from the published order`,
    ]);
  });
});
