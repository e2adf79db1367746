// The admission gate lets no more stock writes go than the cached stock says are left; a freed
// place wakes one waiter, the sell-out all of them.
import { expect, it, vi } from "vitest";
import { admitTake } from "@/lib/claim/take-gate";
import { getLiveState } from "@/lib/claim/live-state";
import { getCachedDropState, rememberShard } from "@/lib/stock/cache";
import { shardOf } from "@/lib/stock/shards";
import { createDrop } from "./helpers";

// Counts the gate's rechecks: each one reads the cached drop.
vi.mock("@/lib/stock/cache", async (original) => {
  const cache = await original<typeof import("@/lib/stock/cache")>();
  return { ...cache, getCachedDropState: vi.fn(cache.getCachedDropState) };
});
const rechecks = () => vi.mocked(getCachedDropState).mock.calls.length;

it("admits as many writes as units are left, and the next one only when a write finishes", async () => {
  const drop = await createDrop({ totalStock: 2 });
  const first = await admitTake(drop.id);
  const second = await admitTake(drop.id);
  expect(first?.release).toBeTypeOf("function");
  expect(second?.release).toBeTypeOf("function");

  let thirdAdmitted = false;
  const third = admitTake(drop.id).then((done) => {
    thirdAdmitted = true;
    return done;
  });
  // The cache is warm, so the third has checked the gate within a few turns of the event loop.
  for (let turn = 0; turn < 5; turn++) await new Promise((r) => setImmediate(r));
  expect(thirdAdmitted).toBe(false); // two writes in flight for two units: the third waits
  first!.release();
  const admitted = await third;
  expect(thirdAdmitted).toBe(true);
  second!.release();
  admitted!.release();
});

it("lets waiters in first come first, one per freed place, and answers them all at the sell-out", async () => {
  const drop = await createDrop({ totalStock: 2 });
  const [a, b] = [await admitTake(drop.id), await admitTake(drop.id)];
  const answers: (string | undefined)[] = [];
  const waiters = ["w1", "w2", "w3"].map((name) =>
    admitTake(drop.id).then((admission) => {
      answers.push(admission ? name : `${name}: sold out`);
      return admission;
    }),
  );
  const turns = async () => {
    for (let turn = 0; turn < 5; turn++) await new Promise((r) => setImmediate(r));
  };
  await turns();
  let before = rechecks();
  a!.release(); // a's write took nothing (a refusal): one place, so the first waiter alone looks
  await turns();
  expect(answers).toEqual(["w1"]);
  expect(rechecks() - before).toBe(1);
  // b takes the last unit: the cache learns it from b's answer, then b lets go.
  const state = (await getLiveState(drop.id))!;
  rememberShard(drop.id, { ...shardOf(state, 0)!, remainingStock: 0 });
  before = rechecks();
  b!.release();
  await turns(); // well before a waiter's own 50 ms recheck
  expect(answers).toEqual(["w1", "w2: sold out", "w3: sold out"]);
  expect(rechecks() - before).toBe(2); // w2 saw the sell-out and woke w3
  (await waiters[0])!.release();
});
