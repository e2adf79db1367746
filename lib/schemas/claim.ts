import { z } from "zod";

export const claimStatuses = ["held", "confirmed", "released", "expired"] as const;

export const claimSchema = z.object({
  id: z.string(),
  dropId: z.string(),
  shopperId: z.string(),
  status: z.enum(claimStatuses),
  createdAt: z.string(),
  holdExpiresAt: z.string(),
});
export type Claim = z.infer<typeof claimSchema>;

/** Body of POST /api/drops/{id}/claims: nothing, or an empty object. */
export const claimRequestBody = z.strictObject({});

export const createShopperInput = z.strictObject({
  name: z.string().trim().min(1).max(60).optional(),
});

export const shopperSchema = z.object({ shopperId: z.string(), token: z.string() });
export type Shopper = z.infer<typeof shopperSchema>;
