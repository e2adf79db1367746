import { z } from "@/lib/schemas/zod";
import { brandIdSchema } from "@/lib/schemas/brand";
import { text } from "@/lib/schemas/text";
import {
  noWaitingRoom,
  waitingRoomInput,
  waitingRoomOnDrawMessage,
  waitingRoomSchema,
} from "@/lib/schemas/queue";

export const botDefences = ["pow", "off"] as const;
export type BotDefence = (typeof botDefences)[number];

/** "first-come": the first claims win (the default); "draw": entries, then winners at random (lib/entries). */
export const dropModes = ["first-come", "draw"] as const;
export type DropMode = (typeof dropModes)[number];

export const dropStatuses = ["draft", "scheduled", "live", "paused", "sold_out", "ended"] as const;
export type DropStatus = (typeof dropStatuses)[number];

const isoDate = z.iso.datetime({
  offset: true,
  message: "Use an ISO-8601 date-time, e.g. 2026-12-01T18:00:00Z",
});
/** True for a date-time the schemas accept: the start/end order is compared only between two of these. */
export const validDate = (v: string) => isoDate.safeParse(v).success;

/** The message of the rule below; the admin form shows the same words. */
export const endPassedMessage = "The end time has already passed";
/**
 * True once `iso` is at or before now. Read at parse time, in the browser (the admin form) and on
 * the server (the request) alike, so a window that has already ended is refused by both.
 */
export const hasPassed = (iso: string, now = Date.now()) => Date.parse(iso) <= now;

/** Field rules shared by create (below) and edit (lib/schemas/drop-admin.ts). */
export const dropFields = {
  name: text().trim().min(1, "Give the drop a name").max(120, "At most 120 characters"),
  description: text({ multiline: true }).max(2000, "At most 2,000 characters").default(""),
  imageUrl: text()
    .max(2048)
    // "//host" and "/\host" are protocol-relative URLs to another site, not paths under /.
    .refine(
      (v) => v === "" || /^\/(?![/\\])/.test(v) || /^https:\/\//.test(v),
      "Use https:// or a path under /",
    )
    .default(""),
  // In the currency's minor unit; the words speak the form's units (e.g. dollars), not cents.
  priceCents: z
    .number({ error: "Enter a price" })
    .int("A whole number of the currency's minor unit (e.g. cents)")
    .min(0, "The price cannot be negative")
    // The admin form says it in the currency (lib/admin/drop-form.ts); the API in minor units.
    .max(
      1_000_000_000,
      "At most 1,000,000,000 in the currency's minor unit (10,000,000.00 with two decimals)",
    ),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "Three capital letters, e.g. USD")
    .default("USD"),
  totalStock: z
    .number({ error: "Enter a number of units" })
    .int("Whole units only")
    .min(1, "At least 1 unit")
    .max(1_000_000, "At most 1,000,000 units"),
  maxPerShopper: z
    .number({ error: "Enter a number" })
    .int("Whole units only")
    .min(1, "At least 1")
    .max(100, "At most 100 per shopper")
    .default(1),
  holdSeconds: z
    .number({ error: "Enter a number of seconds" })
    .int("Whole seconds only")
    .min(10, "At least 10 seconds")
    .max(86_400, "At most 86,400 seconds (a day)")
    .default(600),
  startsAt: isoDate,
  // On the field itself, so it is reported even while other fields are wrong.
  endsAt: isoDate.refine((v) => !validDate(v) || !hasPassed(v), endPassedMessage),
  /** Stock items the stock is split over (lib/stock/shards.ts); default 1, or from the expected peak. */
  stockShards: z
    .number({ error: "Enter a number of shards" })
    .int("A whole number of shards")
    .min(1, "At least 1 shard")
    .max(64, "At most 64 shards")
    .optional(),
  /** Claims per second the brand expects at the peak: sets stockShards when that is not given. */
  expectedPeakClaimsPerSecond: z
    .number({ error: "Enter claims per second" })
    .int("A whole number of claims per second")
    .min(1, "At least 1 claim per second")
    .max(1_000_000, "At most 1,000,000 claims per second")
    .optional(),
  draft: z.boolean().default(false),
  /** How units are given out; set at creation only (docs/draws.md). */
  mode: z.enum(dropModes, { error: 'Use "first-come" or "draw"' }).default("first-come"),
  /**
   * A rehearsal (the race arena's and the race CLI's drops): once over, it can be deleted with its
   * claims, unless a unit of it was checked out. Set at creation only.
   */
  rehearsal: z.boolean().default(false),
  /** Shown in the public feed (GET /api/drops); an unlisted drop is reached by its link only. */
  listed: z.boolean().default(true),
  /**
   * "pow": a guest's claim carries a solved proof-of-work challenge (lib/security/pow.ts), solved
   * by the page in the background; "off": none asked. Can change at any time.
   */
  botDefence: z.enum(botDefences, { error: 'Use "pow" or "off"' }).default("pow"),
  /** A waiting room in front of the drop (lib/queue, docs/waiting-room.md); off by default. */
  waitingRoom: waitingRoomInput.default(noWaitingRoom),
  /** The owning brand: a member's or token's own brand by default; only the operator may name another. */
  brandId: brandIdSchema.optional(),
};

/**
 * A draw's longest window: a card authorised at entry (payments on) must still be capturable when
 * the draw runs and its waitlist moves (a day after the close). Stripe holds a card authorisation
 * for 7 days; 5 days of entries leave a day to spare.
 */
export const DRAW_WINDOW_MAX_DAYS = 5;
export const drawWindowMessage = `A draw takes entries for at most ${DRAW_WINDOW_MAX_DAYS} days: a card authorised at entry must still be chargeable when the draw runs`;
export const drawWindowTooLong = (startsAt: number, endsAt: number) =>
  endsAt - startsAt > DRAW_WINDOW_MAX_DAYS * 86_400_000;

/** Body of POST /api/admin/drops; the admin form validates with the same schema. */
export const createDropInput = z
  .strictObject(dropFields)
  // Compared only when both dates are valid, so a malformed start is not blamed on endsAt as well,
  // and only for an end still ahead: one that has passed is named by its own rule, alone.
  .refine(
    (d) =>
      !validDate(d.startsAt) ||
      !validDate(d.endsAt) ||
      hasPassed(d.endsAt) ||
      Date.parse(d.endsAt) > Date.parse(d.startsAt),
    {
      path: ["endsAt"],
      message: "The end must be after the start",
    },
  )
  .refine(
    (d) =>
      d.mode !== "draw" ||
      !validDate(d.startsAt) ||
      !validDate(d.endsAt) ||
      !drawWindowTooLong(Date.parse(d.startsAt), Date.parse(d.endsAt)),
    { path: ["endsAt"], message: drawWindowMessage },
  )
  // A draw's winners take their units one by one after the close: nothing to spread over shards.
  .refine((d) => d.mode !== "draw" || (d.stockShards ?? 1) === 1, {
    path: ["stockShards"],
    message: "A draw drop has one stock item",
  })
  .refine((d) => d.mode !== "draw" || !d.waitingRoom.enabled, {
    path: ["waitingRoom", "enabled"],
    message: waitingRoomOnDrawMessage,
  });
export type CreateDropInput = z.input<typeof createDropInput>;
export type CreateDrop = z.output<typeof createDropInput>;

/** The drop as the API returns it. */
export const dropSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  imageUrl: z.string(),
  priceCents: z.number(),
  currency: z.string(),
  totalStock: z.number(),
  remainingStock: z.number(),
  stockShards: z.number(),
  maxPerShopper: z.number(),
  holdSeconds: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(dropStatuses),
  mode: z.enum(dropModes),
  listed: z.boolean(),
  botDefence: z.enum(botDefences),
  /** The waiting room's settings (the API always sends them, disabled on a drop without one). */
  waitingRoom: waitingRoomSchema.optional(),
  /** The brand that owns the drop (lib/brand). */
  brandId: z.string(),
});
export type Drop = z.infer<typeof dropSchema>;

export const stockSchema = z.object({
  dropId: z.string(),
  remainingStock: z.number(),
  totalStock: z.number(),
  status: z.enum(dropStatuses),
  botDefence: z.enum(botDefences),
  /** The window, polled with the stock: an open page follows a reschedule (its countdown, its line). */
  startsAt: z.string(),
  endsAt: z.string(),
  serverTime: z.string(),
});
export type Stock = z.infer<typeof stockSchema>;

/** How long a page prefers what it shows to an answer dated earlier: a CDN's copy is ≤ 6 s old. */
export const STALE_ANSWER_MS = 7_000;

/**
 * Of the stock a page shows (received at `shownAt` on this machine's clock) and a fresh answer,
 * the one the server gave later (by `serverTime`); the fresh one on a tie, when nothing is shown,
 * or once what is shown is STALE_ANSWER_MS old, so clocks that disagree cannot hold a count forever.
 */
export const laterStock = <T extends Stock>(
  shown: T | undefined,
  shownAt: number | undefined,
  fresh: T,
  now: number,
): T =>
  shown &&
  shownAt !== undefined &&
  now - shownAt < STALE_ANSWER_MS &&
  Date.parse(shown.serverTime) > Date.parse(fresh.serverTime)
    ? shown
    : fresh;

/**
 * The query of the public lists (GET /api/drops, GET /api/brands/{slug}): `cursor`, a previous
 * page's `nextCursor`, for older ended drops. Other parameters are ignored.
 */
export const feedQuery = z.object({
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, "Not a cursor of this list; start again from the first page")
    .optional(),
});

/** A page of a public list: the first has the open drops and the latest ended ones; `nextCursor` the older ones. */
export type FeedPage = { drops: Drop[]; nextCursor: string | null };
