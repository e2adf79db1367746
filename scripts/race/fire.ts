// The race itself: every attempt of the plan (lib/race/plan.ts), fired over the keep-alive pool.
import { pool, type Attempt, type Outcome } from "@/lib/race/plan";
import type { Claim, Shopper } from "@/lib/schemas/claim";
import { errorCode, sleep, type HttpClient } from "./http-pool";
import type { Progress } from "./progress";

const EARLY_RETRY_MS = 20;
const EARLY_GIVE_UP_MS = 10_000;

/** Claims a unit of the drop for each attempt; a NOT_STARTED (our clock ahead of the server's) is retried. */
export async function fireClaims(
  http: HttpClient,
  {
    dropId,
    shoppers,
    attempts,
    concurrency,
    progress,
  }: { dropId: string; shoppers: Shopper[]; attempts: Attempt[]; concurrency: number; progress: Progress },
): Promise<{ outcomes: Outcome[]; durationMs: number }> {
  progress.phase("racing", attempts.length);
  const started = performance.now();
  const outcomes = await pool(attempts, concurrency, async (a) => {
    const token = shoppers[a.shopper]?.token;
    for (let early = 0; ; early++) {
      const headers: Record<string, string> = a.key ? { "idempotency-key": a.key } : {};
      const at = performance.now() - started;
      const r = await http.request("POST", `/api/drops/${dropId}/claims`, { token, json: {}, headers });
      const code = errorCode(r.body);
      if (code === "NOT_STARTED" && performance.now() - started < EARLY_GIVE_UP_MS) {
        await sleep(EARLY_RETRY_MS);
        continue;
      }
      progress.tick();
      const claimId =
        r.status === 200 || r.status === 201 ? (r.body as { claim?: Claim }).claim?.id : undefined;
      return {
        ...a,
        status: r.status,
        code,
        claimId,
        ms: r.ms,
        at,
        early,
        error: r.error,
        server: r.serverTiming,
      };
    }
  });
  const durationMs = performance.now() - started;
  progress.done();
  return { outcomes, durationMs };
}
