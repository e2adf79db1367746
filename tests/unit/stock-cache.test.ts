// The in-process stock cache and this process's own takes: a reload that read before a take answers
// with it, to every reader waiting on it, and a peek while the reload is in flight has it too. In
// issue 25's days a five-tab race's winners waited a second more for "0 left" than the last claim.
import { expect, it } from "vitest";
import { getCachedDropState, peekDropState, rememberShard } from "@/lib/stock/cache";
import { shardOf } from "@/lib/stock/shards";
import type { DropState } from "@/lib/stock/status";

const state = (id: string, remainingStock: number): DropState => ({
  id,
  remainingStock,
  totalStock: 3,
  stockShards: 1,
  startsAt: 0,
  endsAt: 10_000_000_000_000,
  phase: "active",
  maxPerShopper: 1,
  holdSeconds: 600,
  botDefence: "off",
});
const taken = (s: DropState, remainingStock: number) => ({ ...shardOf(s, 0)!, remainingStock });

it("a reload that read before this process's take answers with the take, to everyone waiting on it", async () => {
  const before = state("race-1", 3);
  let land!: (s: DropState) => void;
  const reading = getCachedDropState("race-1", 0, () => new Promise((resolve) => (land = resolve)));
  const alsoWaiting = getCachedDropState("race-1", 10, () => Promise.reject(new Error("not read twice")));
  rememberShard("race-1", taken(before, 1)); // two takes answered while the read was on its way…
  rememberShard("race-1", taken(before, 0));
  rememberShard("race-1", taken(before, 2)); // …the earlier one's answer last: never raises it
  land(before); // …and the read saw neither
  expect((await reading)!.remainingStock).toBe(0);
  expect((await alsoWaiting)!.remainingStock).toBe(0);
  expect(peekDropState("race-1")!.remainingStock).toBe(0);
});

it("while a reload is in flight, a peek gives the state before it with this process's takes since", async () => {
  const first = state("race-2", 3);
  await getCachedDropState("race-2", 0, async () => first);
  let land!: (s: DropState) => void;
  const reload = getCachedDropState("race-2", 1_000, () => new Promise((resolve) => (land = resolve)));
  expect(peekDropState("race-2")!.remainingStock).toBe(3);
  rememberShard("race-2", taken(first, 2));
  expect(peekDropState("race-2")!.remainingStock).toBe(2);
  land(state("race-2", 3)); // read before the take
  expect((await reload)!.remainingStock).toBe(2);
});

it("a reload begun while the last one is still in flight keeps the state before both for a peek", async () => {
  const first = state("race-3", 3);
  await getCachedDropState("race-3", 0, async () => first);
  void getCachedDropState("race-3", 1_000, () => new Promise(() => undefined)); // a slow read, never back
  rememberShard("race-3", taken(first, 2));
  void getCachedDropState("race-3", 2_000, () => new Promise(() => undefined)); // its entry is stale: read again
  expect(peekDropState("race-3")!.remainingStock).toBe(2);
});
