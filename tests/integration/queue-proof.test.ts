import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as proofRoute } from "@/app/api/drops/[id]/queue/proof/route";
import { QUICKNET } from "@/lib/draw/beacon";
import { prequeueRound } from "@/lib/draw/prequeue";
import { quicknetInfo } from "@/lib/draw/verify-beacon";
import { verifyQueueProof } from "@/lib/draw/verify-queue";
import { createDrop as createDropRecord } from "@/lib/drop/drops";
import { commitQueueSeed } from "@/lib/queue/seed";
import { openAtOf } from "@/lib/queue/settle";
import { joinLine, newTicketId } from "@/lib/queue/tickets";
import type { QueueProof } from "@/lib/schemas/queue";
import { RECORDED_STARTS_AT } from "../fixtures/published-queue";
import { recorded } from "../fixtures/published-draw";
import { call, ownTable } from "./helpers";

// A waiting room's pre-queue shuffled by the quicknet beacon, end to end: the server fetches the
// round prequeueRound(startsAt) fixes (from a relay on loopback serving the recorded round, checked
// by drand-client), orders the pre-queue with it, and publishes the round's signature in the proof,
// which verifyQueueProof then verifies as anyone would.

let relay: Server;
beforeAll(async () => {
  relay = createServer((req, res) => {
    const base = `/${QUICKNET.chainHash}`;
    const url = req.url?.split("?")[0]; // drand-client adds a cache-busting query
    const body =
      url === `${base}/info`
        ? quicknetInfo
        : url === `${base}/public/${recorded.round}`
          ? { round: recorded.round, randomness: recorded.randomness, signature: recorded.signature }
          : undefined;
    res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(body ?? { error: "not recorded" }));
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  process.env.DRAND_URLS = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
});
// After the relay: the env is read once, by the table's creation, and must name it.
ownTable("queue-proof-test");
afterAll(async () => {
  vi.useRealTimers();
  await new Promise<void>((resolve) => relay.close(() => resolve()));
});

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
