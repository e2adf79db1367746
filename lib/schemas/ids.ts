import { z } from "@/lib/schemas/zod";

export const dropIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "Not a drop id");
export const claimIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "Not a claim id");
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, "Idempotency-Key must be 1–128 characters of A–Z, a–z, 0–9, _ . : -");

export const dropParams = z.object({ id: dropIdSchema });
export const claimParams = z.object({ claimId: claimIdSchema });
/** `/api/admin/drops/{id}/orders/{claimId}/…`: an order of one drop. */
export const orderParams = z.object({ id: dropIdSchema, claimId: claimIdSchema });
