import { z } from "@/lib/schemas/zod";

// The local provider's card step (POST /api/payments/local/confirm and …/authenticate), shared by the
// route and the card form. The client secret is what lets a browser confirm a payment, as with Stripe.

const paymentRef = {
  paymentId: z.string().regex(/^pi_local_[0-9a-f]{24}$/, "Not a local payment id"),
  clientSecret: z.string().min(1).max(200),
};

export const localCardInput = z.strictObject({
  ...paymentRef,
  cardNumber: z
    .string()
    .trim()
    .regex(/^[0-9 ]{12,23}$/, "Enter the card number: 16 digits"),
});
export type LocalCardInput = z.infer<typeof localCardInput>;

export const localAuthInput = z.strictObject({ ...paymentRef, approve: z.boolean() });

/** Where a payment stands after a card step (Stripe's PaymentIntent statuses). */
export type CardStepAnswer = {
  payment: {
    status: string;
    failure?: { code: string; declineCode?: string; message: string };
    last4?: string;
  };
};
