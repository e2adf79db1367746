import "server-only";
import { paymentView } from "@/lib/claim/paid-checkout";
import { toClaim } from "@/lib/claim/reads";
import { paymentProvider } from "@/lib/payments/hold-payment";
import { getPayment, listPayments } from "@/lib/payments/payments";
import type { Claim } from "@/lib/schemas/claim";

// Claims with where their payment stands (`claim.payment`, never its client secret): the shopper's
// own claim and receipt, an admin's refund answer, the dashboard's claims pages and CSV.

/** One claim with its payment, if it has one. */
export async function withPayment(claim: Claim): Promise<Claim> {
  const payment =
    paymentProvider() || claim.order?.payment ? await getPayment({ claimId: claim.id }) : undefined;
  return payment ? { ...claim, payment: paymentView(payment) } : claim;
}

/** Stored claim items as claims, each with its payment: one batch read for those checkout reached. */
export async function claimsWithPayments(items: Record<string, unknown>[]): Promise<Claim[]> {
  const claimIds = items.filter((i) => typeof i.paymentId === "string").map((i) => i.id as string);
  const payments = claimIds.length ? await listPayments({ claimIds }) : [];
  const byClaim = new Map(payments.map((p) => [p.claimId, p]));
  return items.map((item) => {
    const claim = toClaim(item);
    const payment = byClaim.get(claim.id);
    return payment ? { ...claim, payment: paymentView(payment) } : claim;
  });
}
