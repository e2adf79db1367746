// The race itself: every shopper's click, plus duplicate clicks fired right beside the original.
import { randomBytes } from "node:crypto";
import type { Claim, Shopper } from "@/lib/schemas/claim";
import { errorCode, pool, sleep, type HttpClient } from "./http-pool";
import type { Progress } from "./progress";

export type Attempt = { shopper: number; key?: string; dup: boolean };
export type Outcome = Attempt & { status: number; code?: string; claimId?: string; ms: number; early: number; error?: string };

const EARLY_RETRY_MS = 20;
const EARLY_GIVE_UP_MS = 10_000;

/**
 * One click per shopper, without an Idempotency-Key (as the claim button sends it), and `dups` more
 * spread round-robin: even ones are a client's retry (original and duplicate share a key), odd ones a
 * double click (a second request without a key). Each shopper's requests sit side by side in the
 * queue so they are in flight together; shoppers are shuffled.
 */
export function planAttempts(shoppers: number, dups: number): Attempt[] {
  const run = randomBytes(4).toString("hex");
  const groups: Attempt[][] = Array.from({ length: shoppers }, (_, s) => [{ shopper: s, dup: false }]);
  for (let j = 0; j < dups; j++) {
    const group = groups[j % shoppers] as Attempt[];
    const first = group[0] as Attempt;
    if (j % 2 === 0) first.key ??= `${run}-${first.shopper}`;
    group.push({ shopper: first.shopper, key: j % 2 === 0 ? first.key : undefined, dup: true });
  }
  for (let i = groups.length - 1; i > 0; i--) {
    const k = Math.floor(Math.random() * (i + 1));
    [groups[i], groups[k]] = [groups[k] as Attempt[], groups[i] as Attempt[]];
  }
  return groups.flat();
}

/** Claims a unit of the drop for each attempt; a NOT_STARTED (our clock ahead of the server's) is retried. */
export async function fireClaims(
  http: HttpClient,
  { dropId, shoppers, attempts, concurrency, progress }: { dropId: string; shoppers: Shopper[]; attempts: Attempt[]; concurrency: number; progress: Progress },
): Promise<{ outcomes: Outcome[]; durationMs: number }> {
  progress.phase("racing", attempts.length);
  const started = performance.now();
  const outcomes = await pool(attempts, concurrency, async (a) => {
    const token = shoppers[a.shopper]?.token;
    for (let early = 0; ; early++) {
      const headers: Record<string, string> = a.key ? { "idempotency-key": a.key } : {};
      const r = await http.request("POST", `/api/drops/${dropId}/claims`, { token, json: {}, headers });
      const code = errorCode(r.body);
      if (code === "NOT_STARTED" && performance.now() - started < EARLY_GIVE_UP_MS) {
        await sleep(EARLY_RETRY_MS);
        continue;
      }
      progress.tick();
      const claimId = r.status === 200 || r.status === 201 ? (r.body as { claim?: Claim }).claim?.id : undefined;
      return { ...a, status: r.status, code, claimId, ms: r.ms, early, error: r.error };
    }
  });
  const durationMs = performance.now() - started;
  progress.done();
  return { outcomes, durationMs };
}
