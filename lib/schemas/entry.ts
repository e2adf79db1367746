import { z } from "@/lib/schemas/zod";
import { claimPaymentSchema, claimSchema, confirmClaimInput } from "@/lib/schemas/claim";
import { receiptSchema } from "@/lib/schemas/draw";

// A draw drop's entries (issue 23): what POST /api/drops/{id}/entries and GET …/entries/me answer.

export const entrySchema = z.object({ id: z.string(), dropId: z.string(), createdAt: z.string() });
export type Entry = z.infer<typeof entrySchema>;

/** POST /api/drops/{id}/entries: 201 for a new entry, 200 with the same one again. */
export const enteredSchema = z.object({ entry: entrySchema, receipt: receiptSchema });
export type Entered = z.infer<typeof enteredSchema>;

/**
 * Body of POST /api/drops/{id}/entries: nothing, or, for a draw that authorises the card at entry
 * (payments on, a price), the shopper's details as at checkout; the entry form validates with it.
 */
export const enterDrawInput = confirmClaimInput
  .partial()
  .refine((b) => Object.keys(b).length === 0 || (b.name && b.email && b.shippingAddress), {
    message: "Send your name, email and shipping address together",
  });
export type EnterDrawInput = z.infer<typeof enterDrawInput>;

/**
 * POST /api/drops/{id}/entries, 202: the card is to be authorised first (payments on): its payment,
 * with the client secret for the card step. The entry follows once it is authorised (…/entries/me).
 */
export const enteringSchema = z.object({ payment: claimPaymentSchema });
export type Entering = z.infer<typeof enteringSchema>;

export const entryResults = ["won", "waitlist", "lost"] as const;
export type EntryResult = (typeof entryResults)[number];

/**
 * GET /api/drops/{id}/entries/me: the entry and its receipt; once drawn, the result, the winner's
 * claim (their hold, then order) and, on the waitlist, their place in it (1 = next).
 */
export const myEntrySchema = z.object({
  entry: entrySchema,
  receipt: receiptSchema,
  /** A paid entry's card: authorised, then captured (a win) or released. */
  payment: claimPaymentSchema.optional(),
  result: z.enum(entryResults).optional(),
  claim: claimSchema.optional(),
  waitlistPlace: z.number().int().positive().optional(),
});
export type MyEntry = z.infer<typeof myEntrySchema>;

/** GET …/entries/me while a paid entry's card is being authorised: no entry yet, its payment. */
export const authorisingSchema = z.object({
  authorising: z.literal(true),
  payment: claimPaymentSchema.optional(),
});
export type Authorising = z.infer<typeof authorisingSchema>;

/** GET /api/drops/{id}/draw/entries: a page of entry ids in ascending order. */
export const drawEntriesQuery = z.object({
  cursor: z
    .string()
    .regex(/^[0-9a-f]{24}$/, "cursor is a previous page's nextCursor")
    .optional(),
});
