import { z } from "@/lib/schemas/zod";
import { claimSchema } from "@/lib/schemas/claim";
import { receiptSchema } from "@/lib/schemas/draw";

// A draw drop's entries (issue 23): what POST /api/drops/{id}/entries and GET …/entries/me answer.

export const entrySchema = z.object({ id: z.string(), dropId: z.string(), createdAt: z.string() });
export type Entry = z.infer<typeof entrySchema>;

/** POST /api/drops/{id}/entries: 201 for a new entry, 200 with the same one again. */
export const enteredSchema = z.object({ entry: entrySchema, receipt: receiptSchema });
export type Entered = z.infer<typeof enteredSchema>;

export const entryResults = ["won", "waitlist", "lost"] as const;
export type EntryResult = (typeof entryResults)[number];

/**
 * GET /api/drops/{id}/entries/me: the entry and its receipt; once drawn, the result, the winner's
 * claim (their hold, then order) and, on the waitlist, their place in it (1 = next).
 */
export const myEntrySchema = z.object({
  entry: entrySchema,
  receipt: receiptSchema,
  result: z.enum(entryResults).optional(),
  claim: claimSchema.optional(),
  waitlistPlace: z.number().int().positive().optional(),
});
export type MyEntry = z.infer<typeof myEntrySchema>;

/** GET /api/drops/{id}/draw/entries: a page of entry ids in ascending order. */
export const drawEntriesQuery = z.object({
  cursor: z
    .string()
    .regex(/^[0-9a-f]{24}$/, "cursor is a previous page's nextCursor")
    .optional(),
});
