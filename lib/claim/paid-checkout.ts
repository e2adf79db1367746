import "server-only";
import { confirmedAgain } from "@/lib/claim/checkout";
import { expireHold, holdEnded } from "@/lib/claim/holds";
import { reserveOrderEmail } from "@/lib/claim/order-email";
import { orderPaid } from "@/lib/claim/paid";
import { getClaimItem, toClaim } from "@/lib/claim/reads";
import { table } from "@/lib/db/client";
import { writeIf } from "@/lib/db/conditional";
import { claimIndexKeys, moveToList } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import { AppError } from "@/lib/errors";
import { createHoldPayment } from "@/lib/payments/hold-payment";
import type { Payment } from "@/lib/payments/payments";
import type { PaymentProvider } from "@/lib/payments/provider";
import type { Claim, ClaimPayment, Order } from "@/lib/schemas/claim";

// Checkout with payments on (issue 24). The order is recorded as the shopper sent it, as the hold's
// `pendingOrder`, and the hold's one payment is created for its total (idempotent per hold: a resend
// or a second checkout of the hold answers the same payment). Nothing is confirmed here: the order is
// written when the payment succeeds (lib/claim/paid.ts), by its webhook or the reconciler. Sending
// checkout again with other details (another address after a declined card) replaces them.

/** What the shopper's page sees of a payment; `clientSecret` is added only for its own checkout. */
export const paymentView = (p: Payment, clientSecret?: string): ClaimPayment => ({
  provider: p.provider,
  paymentId: p.paymentId,
  status: p.status,
  amountMinor: p.amountMinor,
  currency: p.currency,
  ...(p.failure ? { failure: p.failure } : {}),
  ...(clientSecret ? { clientSecret } : {}),
});

export async function payForHold({
  claimId,
  dropId,
  shopperId,
  order,
  provider,
  now,
}: {
  claimId: string;
  dropId: string;
  shopperId: string;
  order: Order;
  provider: PaymentProvider;
  now: number;
}): Promise<{ claim: Claim; payment: ClaimPayment }> {
  // Before any card step: refused now if another shopper's order has this email for the drop.
  await reserveOrderEmail({ dropId, shopperId, claimId, email: order.buyer.email });
  const { payment, clientSecret } = await createHoldPayment({
    provider,
    claimId,
    amountMinor: order.totalCents,
    currency: order.currency,
    now,
  });
  // The hold moves to the drop's paid holds, where the reconciler looks (lib/db/lists.ts).
  const paidList = moveToList(claimIndexKeys.holds(dropId, true));
  const write = await writeIf(
    table.update({
      Key: keys.claim(claimId),
      UpdateExpression: `SET pendingOrder = :order, paymentId = :pid, ${paidList.clause}`,
      // The owner's live hold, and only ever this payment.
      ConditionExpression:
        "#status = :held AND shopperId = :me AND holdUntil > :now AND (attribute_not_exists(paymentId) OR paymentId = :pid)",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":order": order,
        ":pid": payment.paymentId,
        ":held": "held",
        ":me": shopperId,
        ":now": now,
        ...paidList.values,
      },
      ReturnValues: "ALL_NEW",
    }),
  );
  if (!write.applied) return { claim: await notPayable(claimId, order, now), payment: paymentView(payment) };
  // Paid already (checkout sent again after the card step, before the order was written): write it.
  if (payment.status === "succeeded") await orderPaid({ claimId, payment, now });
  const claim = toClaim((await getClaimItem({ id: claimId })) ?? write.output.Attributes!);
  return { claim, payment: paymentView(payment, clientSecret) };
}

/** The answer for a hold whose details were refused: its order (same details), or why not. */
async function notPayable(claimId: string, order: Order, now: number): Promise<Claim> {
  const item = await getClaimItem({ id: claimId });
  if (!item) throw new AppError("NOT_FOUND", "No such claim.");
  const claim = toClaim(item);
  if (claim.status === "confirmed") return confirmedAgain(claim, order.buyer);
  if (claim.status !== "held") throw holdEnded(claim.status);
  if ((item.holdUntil as number) <= now) await expireHold({ claimId, dropId: item.dropId as string, now });
  throw holdEnded("expired");
}
