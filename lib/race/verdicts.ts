// The verdicts of a race, from the answers the shoppers got and what the API has on record. Pure:
// `npm run race` (scripts/race/audit.ts) and the race arena (lib/race/arena.ts) read the evidence
// their own way and judge it here, so both prove the same invariants.
import type { Attempt, Outcome } from "@/lib/race/plan";

export type Invariant = { name: string; ok: boolean; detail: string };

export type RaceEvidence = {
  shoppers: number;
  outcomes: Outcome[];
  /** Claim ids the API has on record for each shopper (index = shopper), from GET …/claims/me. */
  recorded: string[][];
  stockBefore: number;
  stockAfter?: number;
  maxPerShopper: number;
  claimable: boolean; // false when the drop was paused, ended or a draft: nothing should be sold
  auditErrors: number; // audit reads that got no 200
};

export type Audit = {
  expectedUnits: number;
  units: number;
  winners: number;
  recordedUnits: number;
  oversold: number;
  stockAfter?: number;
  serverErrors: number;
  invariants: Invariant[];
};

/** Units the race should hand out: each shopper at most the limit, a key or a keyless request being one intent. */
export function expectedUnits(attempts: Attempt[], stock: number, maxPerShopper: number): number {
  const intents = new Map<number, { keys: Set<string>; keyless: number }>();
  for (const a of attempts) {
    const i = intents.get(a.shopper) ?? { keys: new Set<string>(), keyless: 0 };
    if (a.key) i.keys.add(a.key);
    else i.keyless++;
    intents.set(a.shopper, i);
  }
  let wanted = 0;
  for (const i of intents.values()) wanted += Math.min(maxPerShopper, i.keys.size + i.keyless);
  return Math.min(Math.max(0, stock), wanted);
}

export function judgeRace(e: RaceEvidence): Audit {
  const { outcomes, recorded, maxPerShopper, stockBefore, stockAfter } = e;
  const answered = new Map<number, Set<string>>(); // shopper → claim ids the API answered with
  const ownerOf = new Map<string, Set<number>>(); // claim id → shoppers it was answered to
  for (const o of outcomes) {
    if (!o.claimId) continue;
    answered.set(o.shopper, (answered.get(o.shopper) ?? new Set()).add(o.claimId));
    ownerOf.set(o.claimId, (ownerOf.get(o.claimId) ?? new Set()).add(o.shopper));
  }
  const units = ownerOf.size;
  const shared = [...ownerOf.values()].filter((owners) => owners.size > 1).length;

  const serverErrors = outcomes.filter((o) => o.status === 0 || o.status >= 500).length;
  const expected = e.claimable ? expectedUnits(outcomes, stockBefore, maxPerShopper) : 0;
  let overLimit = 0;
  let mismatched = 0;
  for (let i = 0; i < e.shoppers; i++) {
    const onRecord = new Set(recorded[i] ?? []);
    const mine = new Set([...(answered.get(i) ?? []), ...onRecord]);
    if (mine.size > maxPerShopper) overLimit++;
    if (mine.size !== onRecord.size) mismatched++;
  }
  const recordedUnits = recorded.reduce((n, ids) => n + ids.length, 0);
  // With a limit of one, a winner's every click is about the unit they hold: never "sold out".
  const soldOutTo = new Set(outcomes.filter((o) => o.code === "SOLD_OUT").map((o) => o.shopper));
  const winnersToldSoldOut =
    maxPerShopper === 1
      ? [...soldOutTo].filter((s) => (recorded[s]?.length ?? 0) > 0 || answered.has(s)).length
      : 0;
  const oversold = Math.max(0, units - stockBefore, recordedUnits - stockBefore);
  const what =
    maxPerShopper === 1
      ? `min(stock ${stockBefore}, shoppers ${e.shoppers})`
      : `min(stock ${stockBefore}, claims within the limit)`;

  const invariants: Invariant[] = [
    {
      name: "units handed out == min(stock, shoppers)",
      ok: units === expected,
      detail: `${units} == ${what} = ${expected}`,
    },
    {
      name: "each unit went to one shopper",
      ok: shared === 0,
      detail: `${shared} claim ids were answered to more than one shopper`,
    },
    {
      name: "nobody over the limit",
      ok: overLimit === 0,
      detail: `${overLimit} shoppers hold more than ${maxPerShopper}`,
    },
    {
      name: "claims on record == claims answered",
      ok: mismatched === 0 && recordedUnits === units,
      detail: `${recordedUnits} on record, ${units} answered, ${mismatched} shoppers differ`,
    },
    {
      name: "remaining stock == stock − units",
      ok: stockAfter === stockBefore - units,
      detail: `${stockAfter ?? "unreadable"} == ${stockBefore} − ${units}`,
    },
    {
      name: "no winner told sold out",
      ok: winnersToldSoldOut === 0,
      detail: `${winnersToldSoldOut} winners got SOLD_OUT on a click${maxPerShopper > 1 ? " (checked with a limit of 1 only)" : ""}`,
    },
    {
      name: "zero 5xx",
      ok: serverErrors === 0 && e.auditErrors === 0,
      detail: `${serverErrors} claims and ${e.auditErrors} audit reads failed (5xx or no answer)`,
    },
  ];
  return {
    expectedUnits: expected,
    units,
    winners: answered.size,
    recordedUnits,
    oversold,
    stockAfter,
    serverErrors,
    invariants,
  };
}
