import "server-only";
import { confirmHold, releaseHold } from "@/lib/claim/holds";
import { listShopperClaims } from "@/lib/claim/reads";
import { getCachedDropState, invalidateDropState } from "@/lib/drop/cache";
import { refusalError } from "@/lib/drop/refusals";
import type { Claim, ConfirmClaimInput } from "@/lib/schemas/claim";

// What the shopper's routes call around the holds: each write is followed by this server's cache
// forgetting the drop, so its own next stock read is fresh (kept here: holds.ts is below the cache).

/** The shopper's claims of a published drop, oldest first. */
export async function shopperClaims({ dropId, shopperId }: { dropId: string; shopperId: string }) {
  const state = await getCachedDropState(dropId);
  if (!state || state.phase === "draft") throw refusalError("NOT_FOUND");
  return listShopperClaims({ dropId, shopperId });
}

export async function checkOut(input: {
  claimId: string;
  shopperId: string;
  buyer: ConfirmClaimInput;
  now: number;
}): Promise<Claim> {
  const claim = await confirmHold(input);
  invalidateDropState(claim.dropId);
  return claim;
}

export async function giveBack(input: { claimId: string; shopperId: string; now: number }): Promise<Claim> {
  const claim = await releaseHold(input);
  invalidateDropState(claim.dropId);
  return claim;
}
