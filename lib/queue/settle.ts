import { PREQUEUE_SETTLE_MS } from "@/lib/draw/prequeue";
import { PARTS } from "@/lib/queue/tickets";

// When a drop's line is complete up to a time: a join is sent once (lib/queue/tickets.ts), so a
// ticket that joined at t is in the index by t + SETTLE_MS or never.

/**
 * A join's one attempt's bound (ONE_ATTEMPT_DEAD_MS), plus a second for the index to follow its
 * table: 21 s, written in lib/draw/prequeue.ts, as the pre-queue's published beacon round follows
 * from it (tests/unit/queue-order.test.ts holds it to that bound).
 */
export const SETTLE_MS = PREQUEUE_SETTLE_MS;

/**
 * How long a server takes to read each of the line's parts once more (lib/queue/line.ts): it reads
 * them in turn, one every 1.25 s, which keeps a room's reads under one a second per server.
 */
export const CYCLE_MS = PARTS * 1250;

/**
 * A later joiner is in every server's line this long after joining: its ticket settled, then its
 * part read in turn. Its place is shown, and it may be admitted, from then on.
 */
export const PLACED_MS = SETTLE_MS + CYCLE_MS;

/** When admission starts, and the pre-queue's order is drawn: once every pre-queue ticket is in. */
export const openAtOf = (startsAt: number) => startsAt + SETTLE_MS;
