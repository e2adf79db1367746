import { describe, expect, it } from "vitest";
import { dropStatus, type DropState, type Phase } from "@/lib/stock/status";
import { refusalFor } from "@/lib/stock/refusals";
import type { DropStatus } from "@/lib/schemas/drop";

// Window [1000, 2000): the first millisecond sells, the end does not.
const drop = (phase: Phase, remainingStock = 5): DropState => ({
  id: "d1",
  phase,
  remainingStock,
  stockShards: 1,
  totalStock: 5,
  startsAt: 1000,
  endsAt: 2000,
  maxPerShopper: 1,
  holdSeconds: 600,
  botDefence: "pow",
});

describe("dropStatus", () => {
  it.each<[string, DropState, number, DropStatus]>([
    ["before the start", drop("active"), 999, "scheduled"],
    ["at the start", drop("active"), 1000, "live"],
    ["at the last millisecond", drop("active"), 1999, "live"],
    ["at the end", drop("active"), 2000, "ended"],
    ["long after the end", drop("active"), 9_999_999, "ended"],
    ["with no stock left", drop("active", 0), 1500, "sold_out"],
    ["with stock below zero (never written, still safe)", drop("active", -1), 1500, "sold_out"],
    ["sold out before the start", drop("active", 0), 999, "scheduled"],
    ["sold out after the end", drop("active", 0), 2000, "ended"],
    ["paused while live", drop("paused"), 1500, "paused"],
    ["paused before the start", drop("paused"), 999, "paused"],
    ["paused and sold out", drop("paused", 0), 1500, "paused"],
    ["paused past the end", drop("paused"), 2000, "ended"],
    ["ended early by the admin", drop("ended"), 1500, "ended"],
    ["ended before it started", drop("ended"), 999, "ended"],
    ["a draft inside its window", drop("draft"), 1500, "draft"],
    ["a draft past its end", drop("draft"), 2000, "draft"],
  ])("%s", (_name, state, now, status) => {
    expect(dropStatus(state, now)).toBe(status);
  });
});

describe("refusalFor agrees with dropStatus", () => {
  it.each([
    [drop("active"), 1500, undefined],
    [drop("active"), 999, "NOT_STARTED"],
    [drop("active"), 2000, "ENDED"],
    [drop("active", 0), 1500, "SOLD_OUT"],
    [drop("paused"), 1500, "PAUSED"],
    [drop("ended"), 1500, "ENDED"],
    [drop("draft"), 1500, "NOT_FOUND"],
    [undefined, 1500, "NOT_FOUND"],
  ])("%o at %i → %s", (state, now, refusal) => {
    expect(refusalFor(state, now)).toBe(refusal);
  });
});
