import "server-only";
import { paymentProvider } from "@/lib/payments/hold-payment";
import { ledgerOf, moneyOf, paymentsOffLedger } from "@/lib/payments/ledger";
import { listPayments } from "@/lib/payments/payments";
import type { Claim, Ledger, PaymentsMoney } from "@/lib/schemas/claim";

// A drop's ledger from its claims (listed by the caller: the audit's one listing serves both lines):
// the payments of the holds that checkout reached (the only ones a browser could pay), against the
// drop's confirmed orders. The sums are the payments room's (lib/payments/ledger.ts).

/** A claim as the drop's listing gives it, with the payment checkout put on it. */
export type ListedClaim = Claim & { paymentId?: string };

export async function dropLedger(claims: ListedClaim[]): Promise<{ ledger: Ledger; holds: boolean }> {
  if (!paymentProvider()) return paymentsOffLedger();
  const payments = await listPayments({ claimIds: claims.filter((c) => c.paymentId).map((c) => c.id) });
  const orders = claims
    .filter((c) => c.status === "confirmed" && c.order)
    .map((c) => ({
      claimId: c.id,
      totalMinor: c.order!.totalCents,
      currency: c.order!.currency,
      paymentId: c.order!.payment?.paymentId,
    }));
  return ledgerOf({ payments, orders });
}

/** The money of these holds' payments (the live view's); undefined with payments off. */
export async function paymentsMoney(claimIds: string[]): Promise<PaymentsMoney | undefined> {
  if (!paymentProvider()) return undefined;
  return moneyOf(await listPayments({ claimIds }));
}
