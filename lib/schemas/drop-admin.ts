import { z } from "@/lib/schemas/zod";
import { dropFields, dropStatuses, hasPassed, validDate } from "@/lib/schemas/drop";
import { claimSchema, paymentStatuses } from "@/lib/schemas/claim";
import { claimRefusals, defenceRefusals } from "@/lib/errors";
import { waitingRoomChanges } from "@/lib/schemas/queue";

/** Body of POST /api/admin/session; the sign-in form sends the same. */
export const sessionInput = z.strictObject({ token: z.string().min(1, "Enter the admin token").max(512) });

/**
 * Body of PATCH /api/admin/drops/{id}; the edit form validates with it. Catalogue fields can change
 * at any time; the window and the rules (start, end, limit, hold) only before the drop starts, and
 * start and end travel together so the order of the two is checked here.
 */
export const updateDropInput = z
  .strictObject({
    name: dropFields.name.optional(),
    description: dropFields.description.unwrap().optional(),
    imageUrl: dropFields.imageUrl.unwrap().optional(),
    priceCents: dropFields.priceCents.optional(),
    currency: dropFields.currency.unwrap().optional(),
    startsAt: dropFields.startsAt.optional(),
    endsAt: dropFields.endsAt.optional(),
    maxPerShopper: dropFields.maxPerShopper.unwrap().optional(),
    holdSeconds: dropFields.holdSeconds.unwrap().optional(),
    listed: dropFields.listed.unwrap().optional(),
    botDefence: dropFields.botDefence.unwrap().optional(),
    /** Accepted as it is; any other value is refused (409 SHARDS_FIXED): shards are set at creation. */
    stockShards: dropFields.stockShards,
    /** Any of its fields, at any time (the rate while live too); refused on a draw drop. */
    waitingRoom: waitingRoomChanges.optional(),
  })
  .refine((d) => Object.keys(d).length > 0, { message: "Change at least one field" })
  .refine((d) => (d.startsAt === undefined) === (d.endsAt === undefined), {
    path: ["endsAt"],
    message: "Send the start and the end together",
  })
  .refine(
    (d) =>
      !d.startsAt ||
      !d.endsAt ||
      !validDate(d.startsAt) ||
      !validDate(d.endsAt) ||
      hasPassed(d.endsAt) || // named by the end's own rule
      Date.parse(d.endsAt) > Date.parse(d.startsAt),
    { path: ["endsAt"], message: "The end must be after the start" },
  );
export type UpdateDropInput = z.infer<typeof updateDropInput>;

/** Fields of the cold DROPINFO item: editable at any time. */
export const catalogueFields = [
  "name",
  "description",
  "imageUrl",
  "priceCents",
  "currency",
  "listed",
] as const;
export const scheduleFields = ["startsAt", "endsAt", "maxPerShopper", "holdSeconds"] as const;

/** Body of POST /api/admin/drops/{id}/restock: units to add (negative removes unsold units). */
export const restockInput = z.strictObject({
  quantity: z
    .number({ error: "Enter a whole number of units, e.g. 5 or -2" })
    .int("Whole units only")
    .min(-1_000_000, "At most 1,000,000 units at a time")
    .max(1_000_000, "At most 1,000,000 units at a time")
    .refine((q) => q !== 0, "Add at least one unit"),
});

/** Bodies of pause, resume, end and publish: nothing, or an empty object. */
export const emptyBody = z.strictObject({});

/** Query of GET /api/admin/drops/{id}/claims. The cursor is opaque to clients. */
export const claimsQuery = z.strictObject({
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, "Not a cursor")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  format: z.enum(["json", "csv"]).default("json"),
});

export const adminClaimsPage = z.object({ claims: z.array(claimSchema), nextCursor: z.string().nullable() });
export type AdminClaimsPage = z.infer<typeof adminClaimsPage>;

/**
 * What the attempt counters count per drop and second: claims won, refusals by reason (the drop's
 * rules and the bot defences), claims that came with a solved challenge, and challenges handed out.
 */
export const attemptOutcomes = [
  ...claimRefusals,
  ...defenceRefusals,
  "CLAIMED",
  "SOLVED",
  "CHALLENGES",
  // A draw drop's new entries (lib/entries): its live view charts these instead of claims.
  "ENTERED",
] as const;
export type AttemptCounts = Record<(typeof attemptOutcomes)[number], number>;

const amountSchema = z.object({ currency: z.string(), minor: z.number() });

/** GET /api/admin/drops/{id}/metrics: the live view's one poll. */
export const dropMetricsSchema = z.object({
  dropId: z.string(),
  status: z.enum(dropStatuses),
  remainingStock: z.number(),
  totalStock: z.number(),
  /** Units out of stock now: total − remaining (exact, from the drop item). */
  sold: z.number(),
  /** Claims won so far and attempts refused, by reason (from the attempt counters, ≤ ~2 s behind). */
  counts: z.record(z.enum(attemptOutcomes), z.number()),
  /** Holds confirmed as orders (exact, from the claims; ≤ ~1 s behind). */
  orders: z.number(),
  /**
   * Those orders' totals as each recorded them, by currency (minor units); empty with no order. With
   * payments on, the money kept instead: captured − refunded.
   */
  revenue: z.array(z.object({ currency: z.string(), cents: z.number() })),
  /** With payments on: what the drop's payments took and gave back, and how many stand where (≤ 5 s behind). */
  money: z
    .object({
      captured: z.array(amountSchema),
      refunded: z.array(amountSchema),
      payments: z.record(z.enum(paymentStatuses), z.number()),
    })
    .optional(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** Per second since the start, one value per `bucketSeconds`, oldest first: units claimed, or a draw's entries. */
  series: z.array(z.number()),
  /** What `series` counts: "claims", or "entries" on a draw drop. */
  seriesOf: z.enum(["claims", "entries"]),
  bucketSeconds: z.number(),
  /** Stranded units the sweeper put back on sale by itself, oldest first. */
  autoReturns: z.array(z.object({ at: z.string(), units: z.number() })),
  serverTime: z.string(),
});
export type DropMetrics = z.infer<typeof dropMetricsSchema>;
