"use client";

import { useId, useState } from "react";
import { failureWords, type PaymentResult } from "@/components/payments/payment-result";
import { authenticateLocal, payWithLocalCard } from "@/lib/hooks/actions";
import { ApiError } from "@/lib/hooks/fetcher";
import type { ClaimPayment } from "@/lib/schemas/claim";
import type { CardStepAnswer } from "@/lib/schemas/payment";

// The local provider's card step: what Stripe's Payment Element does, with no account. It takes
// Stripe's documented test numbers only, with their documented outcomes, and shows a card that asks
// for authentication as a step of its own (a bank's 3-D Secure page, in Stripe's flow). One card
// pays every hold of the checkout (each has its own payment).

const testCards = [
  ["4242 4242 4242 4242", "pays"],
  ["4000 0000 0000 0002", "is declined"],
  ["4000 0000 0000 9995", "has no funds"],
  ["4000 0025 0000 3155", "asks your bank"],
] as const;

type Props = {
  payments: ClaimPayment[];
  amountLabel: string;
  onResult: (result: PaymentResult) => void;
  /** A draw's entry: the card is authorised now and charged only if it wins. */
  authorise?: boolean;
};

export function LocalCardStep({ payments, amountLabel, onResult, authorise = false }: Props) {
  const id = useId();
  const [cardNumber, setCardNumber] = useState("");
  const [busy, setBusy] = useState(false);
  const [paid, setPaid] = useState(false);
  const [asking, setAsking] = useState<ClaimPayment[]>([]);
  const [status, setStatus] = useState<{ text: string; failed: boolean }>();

  /** Each payment's answer, in words: all paid (or authorised), one asks the bank, or the first failure. */
  function settle(answers: CardStepAnswer["payment"][], pending: ClaimPayment[]) {
    const ok = ["succeeded", "requires_capture", "requires_action"];
    const failed = answers.find((a) => !ok.includes(a.status));
    const ask = pending.filter((_, i) => answers[i]?.status === "requires_action");
    if (failed) {
      const text = failed.failure ? failureWords(failed.failure) : "The payment did not go through.";
      setStatus({ text, failed: true });
      onResult({ status: "failed", message: text });
    } else if (ask.length > 0) {
      setAsking(ask);
      setStatus({ text: "Your bank asks you to approve this payment.", failed: false });
      onResult({ status: "requires_action" });
    } else if (answers.some((a) => a.status === "requires_capture")) {
      // A draw's entry: the card is held, charged only if it wins (Stripe's step says "processing").
      setPaid(true);
      setStatus({ text: "Card authorised, not charged: entering you in the draw…", failed: false });
      onResult({ status: "processing" });
    } else {
      setPaid(true);
      setStatus({ text: "Paid. Confirming your order…", failed: false });
      onResult({ status: "succeeded" });
    }
  }

  async function step(run: () => Promise<CardStepAnswer[]>, pending: ClaimPayment[]) {
    setBusy(true);
    setStatus({ text: authorise ? "Authorising…" : "Paying…", failed: false });
    try {
      settle(
        (await run()).map((a) => a.payment),
        pending,
      );
    } catch (err) {
      const text = err instanceof ApiError ? err.message : "The payment service could not be reached.";
      setStatus({ text, failed: true });
      onResult({ status: "failed", message: text });
    }
    setBusy(false);
  }

  function pay(event: React.FormEvent) {
    event.preventDefault();
    if (busy || paid) return;
    const send = (p: ClaimPayment) =>
      payWithLocalCard({ paymentId: p.paymentId, clientSecret: p.clientSecret ?? "", cardNumber });
    void step(() => Promise.all(payments.map(send)), payments);
  }

  function authenticate(approve: boolean) {
    const pending = asking;
    setAsking([]);
    const send = (p: ClaimPayment) =>
      authenticateLocal({ paymentId: p.paymentId, clientSecret: p.clientSecret ?? "", approve });
    void step(() => Promise.all(pending.map(send)), pending);
  }

  return (
    <div className="space-y-3" data-testid="card-step">
      <form onSubmit={pay} className="space-y-2" noValidate>
        <label className="block text-sm">
          <span className="font-medium">Card number</span>
          <input
            name="cardNumber"
            inputMode="numeric"
            autoComplete="cc-number"
            value={cardNumber}
            onChange={(e) => setCardNumber(e.target.value)}
            aria-describedby={`${id}-cards`}
            disabled={paid || asking.length > 0}
            className="mt-1 w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 font-mono"
          />
        </label>
        <div id={`${id}-cards`} className="text-xs text-emerald-900">
          Test payments: no money moves. Stripe&apos;s test cards work here:
          <ul className="mt-1 grid grid-cols-1 gap-x-4 sm:grid-cols-2">
            {testCards.map(([number, outcome]) => (
              <li key={number}>
                <span className="font-mono">{number}</span> {outcome}
              </li>
            ))}
          </ul>
        </div>
        <button
          type="submit"
          disabled={busy || paid || asking.length > 0}
          className="w-full rounded-lg bg-emerald-700 px-4 py-2.5 font-bold text-white hover:bg-emerald-800 disabled:bg-zinc-300 disabled:text-zinc-700"
        >
          {busy
            ? authorise
              ? "Authorising…"
              : "Paying…"
            : `${authorise ? "Authorise" : "Pay"} ${amountLabel}`}
        </button>
      </form>
      {asking.length > 0 && (
        <section
          aria-labelledby={`${id}-bank`}
          className="space-y-2 rounded-lg border border-sky-300 bg-sky-50 p-3 text-sky-950"
        >
          <h3 id={`${id}-bank`} className="font-bold">
            Your bank: approve {amountLabel}?
          </h3>
          <p className="text-sm">A test of the authentication step (3-D Secure): no bank is asked.</p>
          <div className="flex gap-2">
            <button
              type="button"
              onClick={() => authenticate(true)}
              className="rounded-lg bg-sky-700 px-3 py-2 font-semibold text-white hover:bg-sky-800"
            >
              Approve
            </button>
            <button
              type="button"
              onClick={() => authenticate(false)}
              className="rounded-lg border border-sky-700 px-3 py-2 font-semibold text-sky-800 hover:bg-sky-100"
            >
              Refuse
            </button>
          </div>
        </section>
      )}
      <p role="status" aria-live="polite" className={`text-sm ${status?.failed ? "text-rose-700" : ""}`}>
        {status?.text}
      </p>
    </div>
  );
}
