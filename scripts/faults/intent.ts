// One click intent as a client that survives a failing database sends it: the same Idempotency-Key
// on every try, resent after a 503 or no answer at all, with backoff; what the checker records of it
// (scripts/faults/history.ts). Shared by the CI storm test and `npm run race -- --faults storm`.
import type { ClaimOp } from "./history";

export type Answer = { status: number; claimId?: string; code?: string };

export async function clickIntent({
  shopperId,
  key,
  send,
  tries = 8,
  backoffMs = 20,
}: {
  shopperId: string;
  key: string;
  /** One try: POST the claim with `key`; status 0 for no answer. */
  send: () => Promise<Answer>;
  tries?: number;
  backoffMs?: number;
}): Promise<ClaimOp> {
  let last: Answer = { status: 0 };
  for (let attempt = 0; attempt < tries; attempt++) {
    last = await send();
    if (last.status !== 503 && last.status !== 0) break;
    await new Promise((r) => setTimeout(r, backoffMs * 2 ** attempt * Math.random()));
  }
  const base = { shopperId, key, at: Date.now(), status: last.status };
  if (last.status === 201) return { ...base, outcome: "won", claimId: last.claimId };
  if (last.status === 200) return { ...base, outcome: "replay", claimId: last.claimId };
  if (last.status === 409) return { ...base, outcome: "refused", code: last.code };
  return { ...base, outcome: "unknown" };
}
