// After the race, through the public API only: what each shopper holds, and what stock is left.
import type { Claim, Shopper } from "@/lib/schemas/claim";
import { pool, type HttpClient } from "./http-pool";
import type { Attempt, Outcome } from "./fire";
import type { Progress } from "./progress";
import { readStock } from "./setup";

export type Invariant = { name: string; ok: boolean; detail: string };

export type AuditInput = {
  dropId: string;
  shoppers: Shopper[];
  outcomes: Outcome[];
  stockBefore: number;
  maxPerShopper: number;
  claimable: boolean; // false when the drop was paused, ended or a draft: nothing should be sold
};

export type Audit = {
  expectedUnits: number;
  units: number;
  winners: number;
  recordedUnits: number;
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

export async function audit(http: HttpClient, input: AuditInput, concurrency: number, progress: Progress): Promise<Audit> {
  const { dropId, shoppers, outcomes, maxPerShopper } = input;
  const answered = new Map<number, Set<string>>(); // shopper → claim ids the API answered with
  for (const o of outcomes) if (o.claimId) answered.set(o.shopper, (answered.get(o.shopper) ?? new Set()).add(o.claimId));
  const units = new Set(outcomes.flatMap((o) => (o.claimId ? [o.claimId] : []))).size;

  // What the API has on record for every shopper (the same index a shopper's "my claims" reads).
  progress.phase("auditing", shoppers.length);
  let auditErrors = 0;
  const recorded = await pool(shoppers, concurrency, async (s) => {
    const r = await http.request("GET", `/api/drops/${dropId}/claims/me`, { token: s.token });
    progress.tick();
    if (r.status !== 200) auditErrors++;
    return r.status === 200 ? ((r.body as { claims: Claim[] }).claims ?? []).map((c) => c.id) : [];
  });
  progress.done();
  const { result, stock } = await readStock(http, dropId);
  if (result.status !== 200) auditErrors++;

  const serverErrors = outcomes.filter((o) => o.status === 0 || o.status >= 500).length;
  const expected = input.claimable ? expectedUnits(outcomes, input.stockBefore, maxPerShopper) : 0;
  let overLimit = 0;
  let mismatched = 0;
  shoppers.forEach((_, i) => {
    const mine = new Set([...(answered.get(i) ?? []), ...(recorded[i] ?? [])]);
    if (mine.size > maxPerShopper) overLimit++;
    const onRecord = new Set(recorded[i] ?? []);
    if (mine.size !== onRecord.size) mismatched++;
  });
  const recordedUnits = recorded.reduce((n, ids) => n + ids.length, 0);
  const stockAfter = stock?.remainingStock;
  const what = maxPerShopper === 1 ? `min(stock ${input.stockBefore}, shoppers ${shoppers.length})` : `min(stock ${input.stockBefore}, claims within the limit)`;

  const invariants: Invariant[] = [
    { name: "units handed out == min(stock, shoppers)", ok: units === expected, detail: `${units} == ${what} = ${expected}` },
    { name: "nobody over the limit", ok: overLimit === 0, detail: `${overLimit} shoppers hold more than ${maxPerShopper}` },
    {
      name: "claims on record == claims answered",
      ok: mismatched === 0 && recordedUnits === units,
      detail: `${recordedUnits} on record, ${units} answered, ${mismatched} shoppers differ`,
    },
    {
      name: "remaining stock == stock − units",
      ok: stockAfter === input.stockBefore - units,
      detail: `${stockAfter ?? "unreadable"} == ${input.stockBefore} − ${units}`,
    },
    {
      name: "zero 5xx",
      ok: serverErrors === 0 && auditErrors === 0,
      detail: `${serverErrors} claims and ${auditErrors} audit reads failed (5xx or no answer)`,
    },
  ];
  return { expectedUnits: expected, units, winners: answered.size, recordedUnits, stockAfter, serverErrors, invariants };
}
