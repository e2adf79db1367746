import { z } from "@/lib/schemas/zod";
import { dropSchema } from "@/lib/schemas/drop";

// What a draw drop publishes (issue 23), parsed by whoever checks it: the proof page, the
// verify-draw CLI. Hex values stay plain strings here, so a malformed one reaches the verifier
// (lib/draw/verify-draw.ts), which names what differs instead of a parse error.

const drawStatuses = ["open", "closed", "drawn"] as const;

/** The public beacon round that seeds a draw, fixed when the drop is created. */
export const drawBeaconSchema = z.object({
  network: z.string(),
  round: z.number().int().positive(),
  randomness: z.string().optional(),
  signature: z.string().optional(),
});
export type DrawBeacon = z.infer<typeof drawBeaconSchema>;

/** GET /api/drops/{id}/draw: the commitment from creation on; seed, hash and winners once drawn. */
export const drawSchema = z.object({
  status: z.enum(drawStatuses),
  commitment: z.string(),
  beacon: drawBeaconSchema.optional(),
  seed: z.string().optional(),
  entriesHash: z.string().optional(),
  entryCount: z.number().int().nonnegative(),
  winners: z.array(z.string()).optional(),
  /** Units the draw gave out (the drop's total stock when drawn): the number of winners it names. */
  units: z.number().int().nonnegative().optional(),
});
export type PublishedDraw = z.infer<typeof drawSchema>;

/** A page of GET /api/drops/{id}/draw/entries: ids in ascending order; `nextCursor` null on the last. */
export const drawEntriesPageSchema = z.object({
  entryIds: z.array(z.string()),
  nextCursor: z.string().nullish(),
});
export type DrawEntriesPage = z.infer<typeof drawEntriesPageSchema>;

/** An entry's signed receipt: Ed25519 over `droprush-entry:v1:{dropId}:{entryId}:{createdAt}`. */
export const receiptSchema = z.object({
  entryId: z.string(),
  dropId: z.string(),
  createdAt: z.string(),
  signature: z.string(),
});
export type Receipt = z.infer<typeof receiptSchema>;

/**
 * GET /api/draw-key: the key receipts are signed with (hex, 32 bytes), and the keys of before a
 * rotation, whose receipts still verify (absent from deployments older than it).
 */
export const drawKeySchema = z.object({
  algorithm: z.literal("Ed25519"),
  publicKey: z.string(),
  previousPublicKeys: z.array(z.string()).optional(),
});
export type DrawKey = z.infer<typeof drawKeySchema>;

/** What a verifier reads of GET /api/drops/{id}: how many units (when the draw does not say) and the close. */
export const drawDropSchema = z.object({ drop: dropSchema.pick({ totalStock: true, endsAt: true }) });
export type DrawDrop = z.infer<typeof drawDropSchema>["drop"];
