"use client";

import { useId, useState } from "react";
import { useBuyerForm } from "@/components/drop/buyer-fields";
import { LocalCardStep } from "@/components/payments/local-card-step";
import type { PaymentResult } from "@/components/payments/payment-result";
import { usePaymentsConfig } from "@/components/payments/payments-config";
import { StripeCardStep } from "@/components/payments/stripe-card-step";
import { formatPrice } from "@/lib/format";
import { enterDraw } from "@/lib/hooks/actions";
import { ApiError } from "@/lib/hooks/fetcher";
import type { ClaimPayment, ConfirmClaimInput } from "@/lib/schemas/claim";

/**
 * Entering a draw that authorises the card at entry (payments on, a price): the shopper's details,
 * then the card step for an authorisation of the price, charged only if the entry wins. `onEntered`
 * once the card is authorised (or the entry exists): the page reads the entry from the server.
 */
export function PaidEntryForm({
  dropId,
  token,
  priceCents,
  currency,
  open,
  takeProof,
  retryProof,
  onEntered,
}: {
  dropId: string;
  token: string;
  priceCents: number;
  currency: string;
  /** Entries are open now. */
  open: boolean;
  /** A solved proof of work for the entry (undefined when the drop asks none). */
  takeProof: () => Promise<string | undefined>;
  /** A fresh one, after the server refused the first. */
  retryProof: () => Promise<string | undefined>;
  onEntered: () => void;
}) {
  const id = useId();
  const { mode, publishableKey } = usePaymentsConfig();
  const buyer = useBuyerForm();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const [payment, setPayment] = useState<ClaimPayment>();
  const amount = formatPrice(priceCents, currency);

  async function send(details: ConfirmClaimInput) {
    try {
      return await enterDraw(dropId, token, await takeProof(), details);
    } catch (err) {
      // Proof this page had not heard of, or a solution that ran out: solve a fresh one, once.
      if (!(
        err instanceof ApiError &&
        (err.code === "CHALLENGE_REQUIRED" || err.code === "CHALLENGE_INVALID")
      ))
        throw err;
      return enterDraw(dropId, token, await retryProof(), details);
    }
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const details = buyer.check();
    if (!details || busy) return;
    setBusy(true);
    setRefusal(undefined);
    try {
      const answer = await send(details);
      if ("payment" in answer) setPayment(answer.payment);
      else onEntered();
    } catch (err) {
      const words = err instanceof ApiError ? err.message : "The entry could not be sent. Try again.";
      if (err instanceof ApiError && err.code === "EMAIL_HAS_ORDER") buyer.setErrors({ email: words });
      else setRefusal(words);
    }
    setBusy(false);
  }

  function onResult(result: PaymentResult) {
    if (result.status === "succeeded" || result.status === "processing") onEntered();
  }

  return (
    <div
      data-testid="paid-entry"
      className="space-y-3 rounded-xl border border-violet-300 bg-violet-50 p-4 text-violet-950"
    >
      <form onSubmit={submit} aria-labelledby={`${id}-title`} className="space-y-3" noValidate>
        <h2 id={`${id}-title`} className="font-bold">
          Enter the draw
        </h2>
        <p className="text-sm">
          Your card is authorised for {amount} now and charged only if you win; if you don&apos;t, the
          authorisation is released as soon as the draw runs. Winners&apos; orders ship to this address.
        </p>
        <fieldset disabled={!!payment || !open} className="space-y-3">
          {buyer.fields}
        </fieldset>
        {!payment && (
          <button
            type="submit"
            data-testid="enter-draw"
            disabled={busy || !open}
            className="w-full rounded-lg bg-violet-700 px-4 py-2.5 font-bold text-white hover:bg-violet-800 disabled:bg-zinc-300 disabled:text-zinc-700"
          >
            {busy ? "Entering…" : "Continue to card"}
          </button>
        )}
      </form>
      {payment &&
        (payment.provider === "local" ? (
          <LocalCardStep payments={[payment]} amountLabel={amount} onResult={onResult} authorise />
        ) : mode === "stripe" && publishableKey ? (
          <StripeCardStep
            publishableKey={publishableKey}
            clientSecret={payment.clientSecret ?? ""}
            amountLabel={amount}
            onResult={onResult}
          />
        ) : (
          <p role="alert">Card payments are not set up on this site yet.</p>
        ))}
      {refusal && (
        <p role="alert" className="text-sm font-medium text-rose-700">
          {refusal}
        </p>
      )}
    </div>
  );
}
