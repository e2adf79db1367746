// "The storm": every fault kind at once, by the operation and item it hits, as the CI storm test
// (tests/integration/fault-storm.test.ts) and `npm run race -- --faults storm` inject them. The first
// rule that fires wins, so a request meets at most one fault.
import type { FaultRule } from "./proxy";

export const stormRules: FaultRule[] = [
  // THE write and the unit's return: applied, then the answer is lost; or throttled.
  { kind: "lose-response", ops: ["UpdateItem"], key: "DROP#", probability: 0.08 },
  { kind: "throttle", ops: ["UpdateItem"], key: "DROP#", probability: 0.15 },
  // The claim's Put: a 500 (may or may not have applied), or its answer lost.
  { kind: "internal", ops: ["PutItem"], key: "CLAIM#", probability: 0.08 },
  { kind: "lose-response", ops: ["PutItem"], key: "CLAIM#", probability: 0.03 },
  // The shopper's slot and Idempotency-Key (a key is written only by a request the take gate let
  // through, so about as rarely as a unit is taken: hit more often).
  { kind: "lose-response", ops: ["UpdateItem"], key: "SLOT#", probability: 0.03 },
  { kind: "reset-before", ops: ["UpdateItem"], key: "SLOT#", probability: 0.03 },
  { kind: "lose-response", ops: ["PutItem"], key: "IDEM#", probability: 0.1 },
  // Reads throttled, and a little latency everywhere.
  { kind: "throttling", ops: ["GetItem", "BatchGetItem", "Query"], probability: 0.01 },
  { kind: "latency", latencyMs: 15, probability: 0.1 },
];
