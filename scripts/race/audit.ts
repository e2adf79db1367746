// After the race, through the public API only: what each shopper holds, and what stock is left.
// The verdicts themselves are lib/race/verdicts.ts's, shared with the race arena.
import { judgeRace, type Audit } from "@/lib/race/verdicts";
import { pool, type Outcome } from "@/lib/race/plan";
import type { Claim, Shopper } from "@/lib/schemas/claim";
import type { HttpClient } from "./http-pool";
import type { Progress } from "./progress";
import { readStock } from "./setup";

export type AuditInput = {
  dropId: string;
  shoppers: Shopper[];
  outcomes: Outcome[];
  stockBefore: number;
  maxPerShopper: number;
  claimable: boolean; // false when the drop was paused, ended or a draft: nothing should be sold
};

export async function audit(
  http: HttpClient,
  input: AuditInput,
  concurrency: number,
  progress: Progress,
): Promise<Audit> {
  const { dropId, shoppers } = input;
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
  return judgeRace({
    ...input,
    shoppers: shoppers.length,
    recorded,
    stockAfter: stock?.remainingStock,
    auditErrors,
  });
}
