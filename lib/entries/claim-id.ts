import "server-only";
import { createHash } from "node:crypto";

/**
 * The claim an entry's unit is held by: the same id on every attempt. A paid entry's authorisation
 * is made for it too (lib/entries/paid-entry.ts), so a win captures it into that hold's order.
 */
export const drawClaimId = (dropId: string, entryId: string) =>
  `d${createHash("sha256").update(`draw:${dropId}:${entryId}`).digest("base64url").slice(0, 31)}`;
