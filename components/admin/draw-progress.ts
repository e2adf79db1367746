import type { Claim } from "@/lib/schemas/claim";

type Tally = { held: number; confirmed: number; ended: number };

export type DrawProgress = {
  winners: Tally;
  /** Holds that passed down the waitlist: entries past the winners. */
  backfills: Tally & { total: number };
  /** Entries a unit has been offered to, winners included. */
  offered: number;
};

function tally(claims: Claim[]): Tally {
  const t: Tally = { held: 0, confirmed: 0, ended: 0 };
  for (const c of claims)
    if (c.status === "held") t.held++;
    else if (c.status === "confirmed") t.confirmed++;
    else t.ended++; // expired or released: the unit passed on
  return t;
}

/**
 * A drawn drop's units so far, from its claims oldest first. Units go down the ranking: the
 * winners' holds are all written at the draw, and a backfill exists only once a winner's hold has
 * ended, so the first `winners` claims are the winners' and every later one is a backfill.
 */
export function drawProgress(claims: Claim[], winners: number): DrawProgress {
  const backfills = claims.slice(winners);
  return {
    winners: tally(claims.slice(0, winners)),
    backfills: { ...tally(backfills), total: backfills.length },
    offered: claims.length,
  };
}
