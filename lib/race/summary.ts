// What the race arena shows, from the engine's state (lib/race/arena.ts): pure, recomputed a few
// times a second while the race runs.
import type { ArenaPhase, ArenaState } from "@/lib/race/arena";
import type { Audit } from "@/lib/race/verdicts";
import { histogram, latency, tally, type Bucket, type Latency } from "@/lib/race/stats";
import type { Drop } from "@/lib/schemas/drop";

export type ArenaSummary = {
  phase: ArenaPhase;
  drop?: Drop;
  fireAt?: number;
  progress: { label: string; value: number; max: number };
  shoppers: number;
  attempts: number;
  answered: number;
  units: number; // distinct claim ids answered
  winners: number; // distinct shoppers answered with a claim
  replays: number; // answers repeating a claim already counted (retries with the same key)
  refusals: Record<string, number>;
  serverErrors: number;
  wire: { latency: Latency; buckets: Bucket[]; samples: number };
  roundTrip: Latency; // click to answer, including the time queued in this browser
  protocol?: string;
  claimsPerSecond?: number;
  audit?: Audit;
  error?: string;
};

export function summarize(s: ArenaState): ArenaSummary {
  const claimIds = new Set<string>();
  const winners = new Set<number>();
  let won = 0;
  for (const o of s.outcomes) {
    if (!o.claimId) continue;
    won++;
    claimIds.add(o.claimId);
    winners.add(o.shopper);
  }
  return {
    phase: s.phase,
    drop: s.drop,
    fireAt: s.fireAt,
    progress: progress(s),
    shoppers: s.input.shoppers,
    attempts: s.attempts,
    answered: s.outcomes.length,
    units: claimIds.size,
    winners: winners.size,
    replays: won - claimIds.size,
    refusals: tally(s.outcomes, (o) => (o.claimId ? undefined : (o.code ?? `HTTP_${o.status}`))),
    serverErrors: s.outcomes.filter((o) => o.status === 0 || o.status >= 500).length,
    wire: { latency: latency(s.wireMs), buckets: histogram(s.wireMs), samples: s.wireMs.length },
    roundTrip: latency(s.outcomes.map((o) => o.ms)),
    protocol: s.protocol,
    claimsPerSecond: s.durationMs ? Math.round(s.outcomes.length / (s.durationMs / 1000)) : undefined,
    audit: s.audit,
    error: s.error,
  };
}

function progress(s: ArenaState): ArenaSummary["progress"] {
  const n = s.input.shoppers;
  switch (s.phase) {
    case "creating":
      return { label: "Creating the race drop", value: 0, max: 1 };
    case "minting":
      return { label: `Minting shoppers: ${s.minted} of ${n}`, value: s.minted, max: n };
    case "waiting":
      return { label: "Waiting for the start", value: 0, max: s.attempts || 1 };
    case "racing":
      return {
        label: `Claims answered: ${s.outcomes.length} of ${s.attempts}`,
        value: s.outcomes.length,
        max: s.attempts,
      };
    case "auditing":
      return {
        label: `Checking every shopper's claims on the server: ${s.audited} of ${n}`,
        value: s.audited,
        max: n,
      };
    case "done":
      return {
        label: `${s.outcomes.length} claims answered in ${((s.durationMs ?? 0) / 1000).toFixed(2)} s; every shopper's claims checked`,
        value: 1,
        max: 1,
      };
    case "failed":
      return { label: "Stopped", value: 0, max: 1 };
  }
}
