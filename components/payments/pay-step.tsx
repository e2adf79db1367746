"use client";

import { useState } from "react";
import { LocalCardStep } from "@/components/payments/local-card-step";
import type { PaymentResult } from "@/components/payments/payment-result";
import { usePaymentsConfig } from "@/components/payments/payments-config";
import { StripeCardStep } from "@/components/payments/stripe-card-step";
import { readClaim, type HoldCheckout } from "@/lib/hooks/actions";
import { formatPrice } from "@/lib/format";
import type { Claim, PaymentStatus } from "@/lib/schemas/claim";

type Paying = Extract<HoldCheckout, { ok: true }>;

/** How long a paid checkout waits for its orders before it says they will follow. */
const WAIT_MS = 30_000;

/** Why a payment in this status ends the wait with no order; undefined: the order may still come. */
const noOrder: Record<PaymentStatus, string | undefined> = {
  created: undefined,
  failed: undefined,
  // A card authorised (a draw's entry) is charged, and ordered, only if it wins.
  authorised: undefined,
  succeeded: undefined,
  released: "Your card's authorisation was released: you were not charged.",
  // An ended hold's payment is refunded next: said once it is, not before.
  refunded:
    "Your hold ended before the payment went through, so the payment was refunded: you were not charged.",
};

/** A claim's checkout once its payment is done: its order, or why there is none. */
function outcome(r: Paying, claim: Claim): HoldCheckout | undefined {
  if (claim.status === "confirmed") return { ...r, confirmed: claim };
  const message = claim.payment && noOrder[claim.payment.status];
  return message ? { claim: r.claim, ok: false, message } : undefined;
}

/** Asks the server after each hold's order (the webhook writes it), each second, for a while. */
async function ordersOf(paying: Paying[], token: string): Promise<HoldCheckout[]> {
  const done = new Map<string, HoldCheckout>();
  for (const deadline = Date.now() + WAIT_MS; done.size < paying.length && Date.now() < deadline;) {
    for (const r of paying.filter((p) => !done.has(p.claim.id))) {
      const claim = await readClaim(r.claim.id, token).then(
        (a) => a.claim,
        () => undefined,
      );
      const result = claim && outcome(r, claim);
      if (result) done.set(r.claim.id, result);
    }
    if (done.size < paying.length) await new Promise((res) => setTimeout(res, 1000));
  }
  const later = "Your payment went through; the order is being confirmed and will be in My orders.";
  return paying.map((r) => done.get(r.claim.id) ?? { claim: r.claim, ok: false, message: later });
}

/**
 * The card step of a paid checkout, then the wait for its orders: the local provider's card form,
 * or Stripe's Payment Element (one payment at a time). `onSettled` gets each hold's outcome.
 */
export function PayStep({
  paying,
  token,
  onStep,
  onSettled,
}: {
  paying: Paying[];
  token: string;
  /** Each card result that is not the end (an authentication step, a failure). */
  onStep?: () => void;
  onSettled: (results: HoldCheckout[]) => Promise<void> | void;
}) {
  const { mode, publishableKey } = usePaymentsConfig();
  const [next, setNext] = useState(0); // Stripe's element confirms one payment at a time
  const payments = paying.map((r) => r.payment!);
  const first = payments[0]!;
  const total = formatPrice(
    payments.reduce((sum, p) => sum + p.amountMinor, 0),
    first.currency.toUpperCase(),
  );

  async function onResult(result: PaymentResult) {
    if (result.status !== "succeeded" && result.status !== "processing") return onStep?.();
    if (mode === "stripe" && next < payments.length - 1) return setNext(next + 1);
    await onSettled(await ordersOf(paying, token));
  }

  if (first.provider === "local")
    return <LocalCardStep payments={payments} amountLabel={total} onResult={onResult} />;
  if (!publishableKey) return <p role="alert">Card payments are not set up on this site yet.</p>;
  const current = payments[next]!;
  return (
    <StripeCardStep
      publishableKey={publishableKey}
      clientSecret={current.clientSecret ?? ""}
      amountLabel={formatPrice(current.amountMinor, current.currency.toUpperCase())}
      onResult={onResult}
    />
  );
}
