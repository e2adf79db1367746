import { ONE_ATTEMPT_DEAD_MS } from "@/lib/db/connect";

// When a drop's line is complete up to a time: a join is sent once (lib/queue/tickets.ts), so a
// ticket that joined at t is in the index by t + SETTLE_MS or never.

/** A join's one attempt's bound (ONE_ATTEMPT_DEAD_MS), plus a second for the index to follow its table. */
export const SETTLE_MS = ONE_ATTEMPT_DEAD_MS + 1000;

/** When admission starts, and the pre-queue's order is drawn: once every pre-queue ticket is in. */
export const openAtOf = (startsAt: number) => startsAt + SETTLE_MS;
