// One interface for every payment provider (local, stripe): a payment per hold, in the currency's
// minor unit, idempotent per hold; its status read back; an authorisation captured or released; a
// full refund. Types only, no server code.

/** A provider's name, as PAYMENTS spells it (lib/env.ts). */
export type ProviderName = "local" | "stripe";

/** A PaymentIntent's status, as Stripe names them; the local provider uses the same words. */
export type ProviderStatus =
  | "requires_payment_method"
  | "requires_confirmation"
  | "requires_action"
  | "processing"
  | "requires_capture"
  | "canceled"
  | "succeeded";

/** Why the last attempt on a payment failed (Stripe's `last_payment_error`). */
export type PaymentFailure = { code: string; declineCode?: string; message: string };

export type ProviderPayment = {
  /** The provider's id (`pi_…`). */
  id: string;
  claimId: string;
  /** In the currency's minor unit (cents). */
  amountMinor: number;
  /** ISO 4217, lower case as Stripe answers it. */
  currency: string;
  status: ProviderStatus;
  /** What the browser confirms the payment with (the Payment Element's `clientSecret`). */
  clientSecret: string;
  failure?: PaymentFailure;
  /** The last four digits of the card that paid, once one has (for the receipt). */
  last4?: string;
};

export type ProviderRefund = { id: string; paymentId: string; status: string };

/** Charged when the card confirms (`automatic`), or only authorised until captured (`manual`). */
export type CaptureMethod = "automatic" | "manual";

export interface PaymentProvider {
  readonly name: ProviderName;
  /**
   * The payment of one hold: the same claim id answers the same payment, however often it is
   * sent (the provider's idempotency key is derived from it). `manual` (a draw's entry) makes an
   * authorisation instead, under a key of its own: it ends `requires_capture` when the card
   * confirms, and a later ordinary payment of the same claim id is another payment.
   */
  createPayment(input: {
    claimId: string;
    amountMinor: number;
    currency: string;
    capture?: CaptureMethod;
  }): Promise<ProviderPayment>;
  /** The payment as the provider has it now (for the reconciler and the checkout's answer). */
  getPayment(paymentId: string): Promise<ProviderPayment>;
  /**
   * Charges an authorisation in full. A payment already succeeded is answered as it is; one that
   * can no longer be captured (released, expired, never authorised) is PAYMENT_NOT_CAPTURABLE.
   */
  capture(input: { paymentId: string; claimId: string }): Promise<ProviderPayment>;
  /**
   * Releases an authorisation (or cancels a payment not yet confirmed). One already canceled is
   * answered as it is; one that succeeded is PAYMENT_NOT_CAPTURABLE (only a refund gives it back).
   */
  cancel(input: { paymentId: string; claimId: string }): Promise<ProviderPayment>;
  /** A full refund of a succeeded payment; the same payment refunded again answers the same refund. */
  refund(input: { paymentId: string; claimId: string }): Promise<ProviderRefund>;
}

/**
 * The idempotency keys sent to the provider: one per hold and purpose (Stripe keeps them ≥ 24 h);
 * a cancel's per PaymentIntent, as one hold may cancel two (a duplicate create, then its
 * authorisation), and a key sent again with other parameters is refused.
 */
export const idempotencyKeys = {
  payment: (claimId: string) => `droprush-payment-${claimId}`,
  authorise: (claimId: string) => `droprush-authorise-${claimId}`,
  capture: (claimId: string) => `droprush-capture-${claimId}`,
  cancel: (paymentId: string) => `droprush-cancel-${paymentId}`,
  refund: (claimId: string) => `droprush-refund-${claimId}`,
};
