// What the card step tells the shopper and the checkout for each answer of stripe.confirmPayment.
import type { PaymentIntent, PaymentIntentResult, StripeError } from "@stripe/stripe-js";
import { describe, expect, it } from "vitest";
import { failureWords, paymentResultOf } from "@/components/payments/payment-result";

const intent = (status: PaymentIntent["status"]) => ({ id: "pi_1", status }) as PaymentIntent;
const failed = (error: Partial<StripeError>): PaymentIntentResult => ({
  error: { type: "card_error", ...error } as StripeError,
});

describe("paymentResultOf", () => {
  it("a confirmed PaymentIntent: its status, in the checkout's four", () => {
    expect(paymentResultOf({ paymentIntent: intent("succeeded") })).toEqual({ status: "succeeded" });
    expect(paymentResultOf({ paymentIntent: intent("processing") })).toEqual({ status: "processing" });
    expect(paymentResultOf({ paymentIntent: intent("requires_action") })?.status).toBe("requires_action");
    expect(paymentResultOf({ paymentIntent: intent("requires_payment_method") })?.status).toBe("failed");
  });

  it("declines in words the shopper can act on; lost and stolen cards as a plain decline", () => {
    const declined = (decline_code: string) =>
      paymentResultOf(failed({ code: "card_declined", decline_code, message: "Stripe's words" }));
    expect(declined("insufficient_funds")).toEqual({
      status: "failed",
      message: "Your card was declined: not enough funds. Try another card.",
    });
    for (const code of ["generic_decline", "lost_card", "stolen_card", "fraudulent"])
      expect(declined(code)?.message).toBe("Your card was declined. Try another card.");
    expect(paymentResultOf(failed({ code: "expired_card" }))?.message).toMatch(/expired/);
    expect(paymentResultOf(failed({ code: "incorrect_cvc" }))?.message).toMatch(/security code/);
    expect(paymentResultOf(failed({ code: "payment_intent_authentication_failure" }))?.message).toMatch(
      /bank did not confirm/,
    );
  });

  it("Stripe's own message for an unknown card error only; anything else in general words", () => {
    expect(
      paymentResultOf(failed({ code: "card_decline_rate_limit_exceeded", message: "Too many tries." })),
    ).toEqual({
      status: "failed",
      message: "Too many tries.",
    });
    const internal = failed({ type: "invalid_request_error", message: "No such payment_intent: pi_x" });
    expect(paymentResultOf(internal)?.message).toBe("The payment did not go through. Pay again in a moment.");
    expect(paymentResultOf(failed({ type: "api_connection_error" }))?.message).toMatch(
      /could not be reached/,
    );
  });

  it("a form not filled in is no result; an error over a succeeded payment is a success", () => {
    expect(paymentResultOf(failed({ type: "validation_error", code: "incomplete_number" }))).toBeUndefined();
    const again = failed({
      type: "invalid_request_error",
      code: "payment_intent_unexpected_state",
      payment_intent: intent("succeeded"),
    });
    expect(paymentResultOf(again)).toEqual({ status: "succeeded" });
  });
});

describe("failureWords (a payment's stored failure, the local provider's too)", () => {
  it("says a decline by its reason, an unknown failure plainly", () => {
    expect(failureWords({ code: "card_declined", declineCode: "insufficient_funds" })).toBe(
      "Your card was declined: not enough funds. Try another card.",
    );
    expect(failureWords({ code: "card_declined", declineCode: "generic_decline" })).toBe(
      "Your card was declined. Try another card.",
    );
    expect(failureWords({ code: "payment_intent_authentication_failure" })).toBe(
      "Your bank did not confirm the payment. Pay again, or try another card.",
    );
    expect(failureWords({ code: "something_new" })).toBe(
      "The payment did not go through. Pay again in a moment.",
    );
  });
});
