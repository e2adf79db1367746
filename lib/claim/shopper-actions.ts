import "server-only";
import { orderPath } from "@/lib/auth/order-link";
import { confirmedAgain, confirmHold } from "@/lib/claim/checkout";
import { holdEnded, releaseHold } from "@/lib/claim/holds";
import { getOwnedClaim, listShopperClaims } from "@/lib/claim/reads";
import { invalidateDropState } from "@/lib/stock/cache";
import { getLiveState } from "@/lib/claim/live-state";
import { getDrop } from "@/lib/drop/drops";
import { refusalError } from "@/lib/stock/refusals";
import { sendOrderConfirmation } from "@/lib/mail/order-confirmation";
import type { Claim, ConfirmClaimInput, Order } from "@/lib/schemas/claim";
import { appUrl } from "@/lib/env";

// What the shopper's routes call around the holds: each write is followed by this server's cache
// forgetting the drop, so its own next stock read is fresh (kept here: holds.ts is below the cache).

/** The shopper's claims of a published drop, oldest first. */
export async function shopperClaims({ dropId, shopperId }: { dropId: string; shopperId: string }) {
  const state = await getLiveState(dropId);
  if (!state || state.phase === "draft") throw refusalError("NOT_FOUND");
  return listShopperClaims({ dropId, shopperId });
}

/**
 * Checkout: the order is recorded as the drop is now (name, image, price and currency, quantity),
 * with a unique order number, and the shopper gets a confirmation mail with the private link.
 * Confirming again with the same details answers with the same order and sends nothing; with other
 * details, 409 ALREADY_CONFIRMED (lib/claim/checkout.ts).
 */
export async function checkOut({
  claimId,
  shopperId,
  buyer,
  now,
}: {
  claimId: string;
  shopperId: string;
  buyer: ConfirmClaimInput;
  now: number;
}): Promise<{ claim: Claim; orderUrl: string }> {
  const orderUrl = orderPath(claimId);
  const held = await getOwnedClaim({ claimId, shopperId });
  if (held.status === "confirmed") return { claim: confirmedAgain(held, buyer), orderUrl };
  if (held.status !== "held") throw holdEnded(held.status);
  const drop = await getDrop({ id: held.dropId, includeDraft: true });
  const order: Order = {
    productName: drop.name,
    imageUrl: drop.imageUrl,
    unitPriceCents: drop.priceCents,
    currency: drop.currency,
    quantity: 1,
    totalCents: drop.priceCents,
    buyer,
  };
  // One shopper per email and drop (a farm of guest shoppers cannot buy under one address), and
  // one order per hold, however many confirms race for it.
  const { claim, fresh } = await confirmHold({ claimId, dropId: held.dropId, shopperId, order, now });
  invalidateDropState(claim.dropId);
  if (fresh && claim.order) {
    // The order stands whether or not the mail goes out; the receipt page has the same facts.
    // The mail's link is built from APP_URL, never from the request's Host.
    await sendOrderConfirmation({ ...claim, order: claim.order }, appUrl() + orderUrl).catch((err) =>
      console.error(`Order ${claim.orderNumber}: the confirmation mail failed`, err),
    );
  }
  return { claim, orderUrl };
}

export async function giveBack(input: { claimId: string; shopperId: string; now: number }): Promise<Claim> {
  const claim = await releaseHold(input);
  invalidateDropState(claim.dropId);
  return claim;
}
