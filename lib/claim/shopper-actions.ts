import "server-only";
import { orderPath } from "@/lib/auth/order-link";
import { confirmedAgain, confirmHold } from "@/lib/claim/checkout";
import { holdEnded, releaseHold } from "@/lib/claim/holds";
import { getClaim, getOwnedClaim, listShopperClaims } from "@/lib/claim/reads";
import { invalidateDropState } from "@/lib/stock/cache";
import { getLiveState } from "@/lib/claim/live-state";
import { getDrop } from "@/lib/drop/drops";
import { refusalError } from "@/lib/stock/refusals";
import { mailConfirmation } from "@/lib/claim/confirmation-mail";
import { withPayment } from "@/lib/claim/claim-payments";
import { AppError } from "@/lib/errors";
import { captureHold } from "@/lib/claim/paid";
import { payForHold } from "@/lib/claim/paid-checkout";
import { paymentProvider } from "@/lib/payments/hold-payment";
import { getPayment } from "@/lib/payments/payments";
import type { Claim, ClaimPayment, ConfirmClaimInput, Order } from "@/lib/schemas/claim";

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
 * with a unique order number, and the shopper gets a confirmation mail with the private link. With
 * payments on (and a price), the answer is the hold's payment to confirm instead, and the order is
 * written once it succeeds.
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
}): Promise<{ claim: Claim; orderUrl: string; payment?: ClaimPayment }> {
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
  // With payments on, the order is written when its payment succeeds (lib/claim/paid-checkout.ts).
  // A hold that has a payment keeps its price (the drop's may have been edited since): never a
  // second amount for one payment, never the free path for a hold a card is paying.
  const provider = paymentProvider();
  const paying = provider ? await getPayment({ claimId }) : undefined;
  // A draw winner's card from entry is being charged: no second payment (lib/claim/paid.ts captureHold).
  if (paying?.status === "authorised")
    throw new AppError(
      "IN_PROGRESS",
      "Your card from entry is being charged for this unit: no checkout needed.",
    );
  // A draw winner's released authorisation still named by the hold (a race, a crash): let it go first.
  if (paying?.status === "released") await captureHold({ claimId, now });
  if (paying) order.unitPriceCents = order.totalCents = paying.amountMinor;
  if (provider && (paying || order.totalCents > 0)) {
    const answer = await payForHold({ claimId, dropId: held.dropId, shopperId, order, provider, now });
    return { ...answer, orderUrl };
  }
  // One shopper per email and drop (a farm of guest shoppers cannot buy under one address), and
  // one order per hold, however many confirms race for it.
  const { claim, fresh } = await confirmHold({ claimId, dropId: held.dropId, shopperId, order, now });
  invalidateDropState(claim.dropId);
  if (fresh) await mailConfirmation(claim);
  return { claim, orderUrl };
}

/** The shopper's own claim, with where its payment stands (the checkout page polls it). */
export async function shopperClaim(input: { claimId: string; shopperId: string }): Promise<Claim> {
  return withPayment(await getOwnedClaim(input));
}

/** A claim for its receipt (the private link's page), with its payment. */
export async function receiptClaim(claimId: string): Promise<Claim | undefined> {
  const claim = await getClaim({ id: claimId });
  return claim && withPayment(claim);
}

export async function giveBack(input: { claimId: string; shopperId: string; now: number }): Promise<Claim> {
  const claim = await releaseHold(input);
  invalidateDropState(claim.dropId);
  return claim;
}
