import type { PaymentIntentResult, StripeError } from "@stripe/stripe-js";

/** What the shopper's card did, for the checkout to act on (poll the claim, or ask for another card). */
export type PaymentResult = {
  status: "succeeded" | "processing" | "requires_action" | "failed";
  message?: string;
};

const tryAnother = "Try another card.";
const wrongCvc = "The card's security code is wrong. Check it and pay again.";
const wrongNumber = "The card number is wrong. Check it and pay again.";
const wrongExpiry = "The card's expiry date is wrong. Check it and pay again.";

// Our words for the answers a shopper can act on (docs.stripe.com/declines/codes). Lost, stolen and
// suspected-fraud declines read as a plain decline: Stripe asks that their reason never be shown.
const declineWords: Record<string, string> = {
  insufficient_funds: `Your card was declined: not enough funds. ${tryAnother}`,
  expired_card: `Your card has expired. ${tryAnother}`,
  incorrect_cvc: wrongCvc,
  incorrect_number: wrongNumber,
  incorrect_zip: "The postal code does not match the card. Check it and pay again.",
};

// Error codes (docs.stripe.com/error-codes); a decline's own code, when it has one, says more.
const codeWords: Record<string, string> = {
  ...declineWords,
  card_declined: `Your card was declined. ${tryAnother}`,
  invalid_cvc: wrongCvc,
  invalid_number: wrongNumber,
  invalid_expiry_month: wrongExpiry,
  invalid_expiry_year: wrongExpiry,
  processing_error: "The card could not be charged just now. Pay again in a moment.",
  payment_intent_authentication_failure:
    "Your bank did not confirm the payment. Pay again, or try another card.",
};

const unreachable = "The payment service could not be reached. Check your connection and pay again.";
const unknown = "The payment did not go through. Pay again in a moment.";

/** A confirmation that threw instead of answering (Stripe.js could not run it). */
export const unexpectedFailure: PaymentResult = { status: "failed", message: unknown };

/** Our words for a payment's last failure as the server stores it (the local provider's too). */
export function failureWords(f: { code: string; declineCode?: string }): string {
  return (f.declineCode && declineWords[f.declineCode]) || codeWords[f.code] || unknown;
}

function wordsFor(error: StripeError): string {
  if (error.type === "api_connection_error" || error.type === "rate_limit_error") return unreachable;
  const known =
    (error.decline_code && declineWords[error.decline_code]) || (error.code && codeWords[error.code]);
  if (known) return known;
  // Stripe writes a card error's message for the cardholder; any other error's is for us.
  return error.type === "card_error" && error.message ? error.message : unknown;
}

const intentStatus: Record<string, PaymentResult> = {
  succeeded: { status: "succeeded" },
  processing: { status: "processing" },
  // Authorised but not captured: the money is held, nothing for the shopper to do.
  requires_capture: { status: "processing" },
  requires_action: {
    status: "requires_action",
    message: "Your bank still needs you to approve the payment.",
  },
  requires_payment_method: { status: "failed", message: `The payment did not go through. ${tryAnother}` },
  canceled: { status: "failed", message: "This payment was cancelled." },
};

/**
 * The answer of `stripe.confirmPayment` in our terms, or `undefined` for a form not filled in (the
 * Payment Element shows which field). A payment that had already gone through counts as done: an
 * error over a succeeded PaymentIntent is a second press, not a failure.
 */
export function paymentResultOf(answer: PaymentIntentResult): PaymentResult | undefined {
  const intent = answer.paymentIntent ?? answer.error.payment_intent;
  if (intent?.status === "succeeded" || intent?.status === "processing") return intentStatus[intent.status];
  if (answer.error) {
    if (answer.error.type === "validation_error") return undefined;
    return { status: "failed", message: wordsFor(answer.error) };
  }
  return intentStatus[answer.paymentIntent.status] ?? unexpectedFailure;
}
