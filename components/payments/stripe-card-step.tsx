"use client";

import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { useEffect, useId, useState } from "react";
import { paymentResultOf, unexpectedFailure, type PaymentResult } from "@/components/payments/payment-result";

export type { PaymentResult };

type Props = {
  /** STRIPE_PUBLISHABLE_KEY, handed down by the server; read once per mount. */
  publishableKey: string;
  /** The hold's PaymentIntent, from the confirm answer's `payment.clientSecret`. */
  clientSecret: string;
  /** The amount as the shopper reads it, e.g. "$19.99": the button says "Pay $19.99". */
  amountLabel: string;
  /** Each confirmation's outcome; not called for a form not filled in (the element says where). */
  onResult: (result: PaymentResult) => void;
};

// One Stripe.js per key, loaded on first use: Stripe asks for a single shared instance, and the pure
// entry adds Stripe's script only then, so pages without this step never load it (and their CSP,
// without Stripe's origins, is never tried). A load that failed is forgotten, so a remount retries.
const instances = new Map<string, Promise<Stripe | null>>();
function stripeFor(key: string): Promise<Stripe | null> {
  let instance = instances.get(key);
  if (!instance) {
    instance = loadStripe(key).catch(() => {
      instances.delete(key);
      return null;
    });
    instances.set(key, instance);
  }
  return instance;
}

const couldNotLoad = "The card form could not load. Check your connection and reload the page.";

/** The card step of a paid checkout: Stripe's Payment Element and one Pay button. */
export function StripeCardStep(props: Props) {
  const [stripe] = useState(() => stripeFor(props.publishableKey));
  const [unavailable, setUnavailable] = useState(false);
  useEffect(() => {
    void stripe.then((s) => setUnavailable(s === null));
  }, [stripe]);
  if (unavailable) return <p role="alert">{couldNotLoad}</p>;
  // Elements takes its client secret once: a new PaymentIntent gets a new instance.
  return (
    <Elements key={props.clientSecret} stripe={stripe} options={{ clientSecret: props.clientSecret }}>
      <CardForm amountLabel={props.amountLabel} onResult={props.onResult} />
    </Elements>
  );
}

/** What the status line says after a confirmation. */
function statusOf(result: PaymentResult) {
  if (result.status === "succeeded") return { text: "Paid. Confirming your order…", failed: false };
  if (result.status === "processing")
    return { text: "Your payment is processing. Confirming your order…", failed: false };
  return { text: result.message ?? "", failed: result.status === "failed" };
}

function CardForm({ amountLabel, onResult }: Pick<Props, "amountLabel" | "onResult">) {
  const stripe = useStripe();
  const elements = useElements();
  const id = useId();
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const [paid, setPaid] = useState(false);
  const [status, setStatus] = useState<{ text: string; failed: boolean }>();

  async function pay(event: React.FormEvent) {
    event.preventDefault();
    if (!stripe || !elements || busy || paid) return;
    setBusy(true);
    setStatus({ text: "Paying…", failed: false });
    let result: PaymentResult | undefined;
    try {
      // A redirect only for payment methods that need one: a card's 3D Secure opens over this page.
      const answer = await stripe.confirmPayment({
        elements,
        redirect: "if_required",
        confirmParams: { return_url: window.location.href },
      });
      result = paymentResultOf(answer);
    } catch {
      result = unexpectedFailure;
    }
    setBusy(false);
    // No result: a field is not filled in, and the element itself says which.
    setStatus(result && statusOf(result));
    if (!result) return;
    // Paid (or on its way): the button stays off, so the same PaymentIntent is never confirmed twice.
    setPaid(result.status === "succeeded" || result.status === "processing");
    onResult(result);
  }

  return (
    <form onSubmit={pay} aria-labelledby={`${id}-title`} aria-busy={busy} className="space-y-3">
      <h3 id={`${id}-title`} className="font-bold">
        Card payment
      </h3>
      <PaymentElement
        onReady={() => setReady(true)}
        onLoadError={() => setStatus({ text: couldNotLoad, failed: true })}
      />
      {!ready && !status && <p className="text-sm text-zinc-600">Loading the card form…</p>}
      <p role="status" aria-live="polite" className={status?.failed ? "text-sm text-rose-700" : "text-sm"}>
        {status?.failed && <span className="font-semibold">Not paid: </span>}
        {status?.text}
      </p>
      <button
        type="submit"
        disabled={!stripe || !elements || !ready || busy || paid}
        className="w-full rounded-lg bg-emerald-700 px-4 py-2.5 font-bold text-white hover:bg-emerald-800 disabled:bg-zinc-300 disabled:text-zinc-700"
      >
        {busy ? "Paying…" : paid ? "Paid" : `Pay ${amountLabel}`}
      </button>
    </form>
  );
}
