import { z } from "@/lib/schemas/zod";

// The waiting room (lib/queue, docs/waiting-room.md): a drop's settings, and the answers of the
// line's three routes. Shared by the routes and the pages that will show the line.

/** The header a claim on a drop with a waiting room carries its pass in. */
export const QUEUE_PASS_HEADER = "X-Queue-Pass";

/**
 * The header a poll of `…/queue/me` may carry its join's `ticket.token` in: a server that has not
 * read the ticket yet then knows the shopper joined, and when, without reading it.
 */
export const QUEUE_TICKET_HEADER = "X-Queue-Ticket";

const admitPerMinute = z
  .number({ error: "Enter shoppers admitted per minute" })
  .int("A whole number per minute")
  .min(1, "At least 1 a minute")
  .max(100_000, "At most 100,000 a minute");
const prequeueMinutes = z
  .number({ error: "Enter minutes" })
  .int("Whole minutes only")
  .min(0, "0 minutes or more")
  .max(1440, "At most 1,440 minutes (a day)");
const passMinutes = z
  .number({ error: "Enter minutes" })
  .int("Whole minutes only")
  .min(1, "At least 1 minute")
  .max(30, "At most 30 minutes");

/** A drop's waiting room as created: off unless enabled. */
export const waitingRoomInput = z.strictObject({
  enabled: z.boolean().default(false),
  admitPerMinute: admitPerMinute.default(60),
  prequeueMinutes: prequeueMinutes.default(15),
  passMinutes: passMinutes.default(10),
});
export type WaitingRoom = z.output<typeof waitingRoomInput>;

/** PATCH: any of the fields; the others keep their values. The rate may change while live. */
export const waitingRoomChanges = z
  .strictObject({
    enabled: z.boolean().optional(),
    admitPerMinute: admitPerMinute.optional(),
    prequeueMinutes: prequeueMinutes.optional(),
    passMinutes: passMinutes.optional(),
  })
  .refine((w) => Object.keys(w).length > 0, { message: "Change at least one field of the waiting room" });
export type WaitingRoomChanges = z.infer<typeof waitingRoomChanges>;

/** A drop that never had a waiting room shows these. */
export const noWaitingRoom: WaitingRoom = {
  enabled: false,
  admitPerMinute: 60,
  prequeueMinutes: 15,
  passMinutes: 10,
};

export const waitingRoomSchema = z.object({
  enabled: z.boolean(),
  admitPerMinute: z.number(),
  prequeueMinutes: z.number(),
  passMinutes: z.number(),
});

export const waitingRoomOnDrawMessage =
  "A waiting room is for first-come drops: a draw already orders its entries";

/**
 * POST /api/drops/{id}/queue: 201 for a new ticket, 200 with the same one again. `token`, the
 * ticket signed, goes back with each poll in X-Queue-Ticket.
 */
export const queueTicketSchema = z.object({
  ticket: z.object({
    id: z.string(),
    dropId: z.string(),
    joinedAt: z.string(),
    prequeue: z.boolean(),
    token: z.string(),
  }),
});
export type QueueTicket = z.infer<typeof queueTicketSchema>["ticket"];

export const queueStatuses = ["prequeue", "waiting", "admitted", "expired"] as const;

/** GET /api/drops/{id}/queue/me. */
export const myQueueSchema = z.object({
  status: z.enum(queueStatuses),
  /** 1-based place in the line, once settled (exact). */
  position: z.number().optional(),
  /** Shoppers in front still waiting (not yet admitted). */
  ahead: z.number().optional(),
  etaSeconds: z.number().optional(),
  pass: z.object({ token: z.string(), expiresAt: z.string() }).optional(),
  /**
   * Waiting, with the turn due within TURN_AHEAD_MS: the pass ahead, good from `validFrom` (in
   * `inMs` from this answer). The page claims with it from then, so a late answer to a poll never
   * delays a turn, and answers that come together do not send claims together.
   */
  next: z
    .object({ token: z.string(), validFrom: z.string(), expiresAt: z.string(), inMs: z.number() })
    .optional(),
});
export type MyQueue = z.infer<typeof myQueueSchema>;

/** How long before its turn a waiting shopper is handed the pass (`next`). */
export const TURN_AHEAD_MS = 15_000;

/** Over how long a crowd's polls for the places that show at one time are spread. */
export const PLACE_SPREAD_MS = 5000;

/**
 * When a waiting page asks for its place again: a little after its place shows, and, once it has
 * one, when its turn is due within TURN_AHEAD_MS (to be handed its pass ahead, `next`); at least 1 s
 * ahead, at most 30 s once it has a place (a rate may rise) and 5 minutes before (a reschedule moves
 * the opening). Every 10 s with no eta (admission paused) or once admitted (to learn the pass ran
 * out), never once it has; with the pass ahead, 10 s after its turn (the page turns it into its pass
 * at the turn, useMyQueue). So a shopper polls about once per 30 s in line and claims at the turn
 * itself; `random` spreads a crowd.
 */
export function nextPollMs(mine: MyQueue, random: () => number = Math.random): number {
  if (mine.status === "expired") return 0;
  if (mine.next) return mine.next.inMs + 10_000;
  if (mine.status === "admitted" || mine.etaSeconds === undefined) return 10_000;
  const eta = mine.etaSeconds * 1000;
  // Places show to a whole wave at once (a pre-queue at its draw, a burst of joins 41 s later): its
  // polls for them come spread over PLACE_SPREAD_MS. Without a place the eta is when it shows, which
  // only a reschedule moves: ask every 5 minutes.
  if (mine.position === undefined)
    return Math.min(300_000, Math.max(1000, eta + 250 + random() * PLACE_SPREAD_MS));
  // Asked between TURN_AHEAD_MS and a third of it less before the turn: in time, and spread.
  return Math.min(30_000, Math.max(1000, eta - TURN_AHEAD_MS + 250 + random() * (TURN_AHEAD_MS / 3)));
}

/**
 * After `failures` polls of a place in a row failed (a 503, a lost connection): when to ask again.
 * 1–2 s, doubling to 15–30 s (a pass missed for longer burns its minutes), spread so that a line's
 * pages do not all come back at once.
 */
export function retryPollMs(
  failures: number,
  random: () => number = Math.random,
  /** The server's Retry-After: waited out, up to the longest backoff (30 s). */
  retryAfterMs = 0,
): number {
  const backoff = Math.round(Math.min(30_000, 1000 * 2 ** Math.max(1, failures)) * (0.5 + random() / 2));
  return Math.max(backoff, Math.min(30_000, retryAfterMs));
}

/** GET /api/drops/{id}/queue/proof: what anyone needs to recompute the pre-queue's order. */
export const queueProofSchema = z.object({
  dropId: z.string(),
  startsAt: z.string(),
  /** hex(SHA-256(seed)), published from the drop's creation. */
  commitment: z.string(),
  /**
   * The beacon round whose randomness is used ("off": none, randomness ""); its signature once
   * drawn, so the randomness is checked as SHA-256 of quicknet's signature of that round.
   */
  beacon: z.object({ network: z.string(), round: z.number(), signature: z.string().optional() }).nullable(),
  /** Once the pre-queue is ordered: the seed revealed, the randomness, the tickets' hash and the order. */
  revealed: z
    .object({
      seed: z.string(),
      randomness: z.string(),
      ticketsHash: z.string(),
      count: z.number(),
      order: z.array(z.string()),
    })
    .nullable(),
});
export type QueueProof = z.infer<typeof queueProofSchema>;

/** GET /api/admin/drops/{id}/queue: the line for the admin's live view. */
export const queueStatsSchema = z.object({
  /** Settled tickets in the line. */
  joined: z.number(),
  /** Of them, not yet admitted. */
  waiting: z.number(),
  admitted: z.number(),
  /** Admitted shoppers who hold a claim on the drop. */
  passesUsed: z.number(),
  /** Admitted shoppers whose pass ran out with no claim (the line moved on without them). */
  passesUnused: z.number(),
  /** The rate and pause in effect now… */
  admitPerMinute: z.number(),
  paused: z.boolean(),
  /** …and the changes made that take effect later, each at `at` (20 s after it was made), in order. */
  changes: z.array(z.object({ admitPerMinute: z.number(), paused: z.boolean(), at: z.string() })),
  /** The pre-queue's order is drawn (admission has begun). */
  drawn: z.boolean(),
});
export type QueueStats = z.infer<typeof queueStatsSchema>;
