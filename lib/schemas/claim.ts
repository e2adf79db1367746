import { z } from "@/lib/schemas/zod";
import { text } from "@/lib/schemas/text";

const claimStatuses = ["held", "confirmed", "released", "expired"] as const;

/** What was bought, as it was at checkout: a later edit of the drop never changes an order. */
export const orderSchema = z.object({
  productName: z.string(),
  imageUrl: z.string(),
  unitPriceCents: z.number(),
  currency: z.string(),
  quantity: z.number(),
  totalCents: z.number(),
  buyer: z.object({ name: z.string(), email: z.string(), shippingAddress: z.string() }),
  /** The payment that paid it (absent when payments are off). */
  payment: z.object({ provider: z.string(), paymentId: z.string(), last4: z.string().optional() }).optional(),
});
export type Order = z.infer<typeof orderSchema>;

/**
 * Where a hold's payment stands (lib/payments/payments.ts ranks them): `authorised` is a draw entry's
 * card held but not charged; `released` is that hold let go, never charged.
 */
export const paymentStatuses = [
  "created",
  "failed",
  "authorised",
  "succeeded",
  "released",
  "refunded",
] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** Each status in words, wherever one is shown (the dashboard, the receipt, the CSV). */
export const paymentStatusWords: Record<PaymentStatus, string> = {
  created: "Awaiting payment",
  failed: "Card failed",
  authorised: "Card authorised, not charged",
  succeeded: "Paid",
  released: "Authorisation released, not charged",
  refunded: "Refunded",
};

/**
 * A hold's payment as its shopper sees it (lib/payments/payments.ts has the item): how much, where it
 * stands, why the last card failed. `clientSecret` only in the checkout's own answer.
 */
export const claimPaymentSchema = z.object({
  provider: z.enum(["local", "stripe"]),
  paymentId: z.string(),
  status: z.enum(paymentStatuses),
  amountMinor: z.number(),
  currency: z.string(),
  failure: z.object({ code: z.string(), declineCode: z.string().optional(), message: z.string() }).optional(),
  clientSecret: z.string().optional(),
});
export type ClaimPayment = z.infer<typeof claimPaymentSchema>;

/**
 * An order refunded from the dashboard (lib/claim/refund-order.ts): when it was asked, whether the
 * admin asked for its unit back on sale (`restock`) and whether it went (`restocked`: only while the
 * drop sells), and whether the provider has taken the refund (`sent`; a crash before can leave it
 * asked, and the same refund sent again finishes it).
 */
export const claimRefundSchema = z.object({
  at: z.string(),
  restock: z.boolean(),
  restocked: z.boolean(),
  sent: z.boolean(),
});
export type ClaimRefund = z.infer<typeof claimRefundSchema>;

export const claimSchema = z.object({
  id: z.string(),
  dropId: z.string(),
  shopperId: z.string(),
  status: z.enum(claimStatuses),
  createdAt: z.string(),
  holdExpiresAt: z.string(),
  orderNumber: z.string().optional(),
  confirmedAt: z.string().optional(),
  order: orderSchema.optional(),
  /** With payments on, once checkout has created the hold's payment. */
  payment: claimPaymentSchema.optional(),
  /** An order an admin refunded. */
  refund: claimRefundSchema.optional(),
});
export type Claim = z.infer<typeof claimSchema>;

/** Body of POST /api/drops/{id}/claims: nothing, or an empty object. */
export const claimRequestBody = z.strictObject({});

export const createShopperInput = z.strictObject({
  name: text().trim().min(1).max(60).optional(),
});

/**
 * Whose rehearsal shopper a shopper is (its token says, lib/auth/shopper.ts): a brand's, excused on
 * that brand's rehearsal drops, or the operator's, excused on every brand's.
 */
export type Rehearsal = { brandId: string } | "operator";

/** POST /api/shoppers: the token is sent as Bearer; it runs out at `expiresAt`. */
export const shopperSchema = z.object({
  shopperId: z.string(),
  token: z.string(),
  expiresAt: z.string(),
  rehearsal: z.boolean(),
});
export type Shopper = z.infer<typeof shopperSchema>;

/** Body of POST /api/claims/{claimId}/confirm; the checkout form validates with it too. */
export const confirmClaimInput = z.strictObject({
  name: text().trim().min(1, "Enter your name").max(120, "At most 120 characters"),
  email: text().pipe(z.email("Enter a valid email address").max(254)),
  shippingAddress: text({ multiline: true })
    .trim()
    .min(5, "Enter a full shipping address")
    .max(500, "At most 500 characters"),
});
export type ConfirmClaimInput = z.infer<typeof confirmClaimInput>;

/**
 * Body of POST /api/admin/drops/{id}/orders/{claimId}/refund; the dashboard's refund dialog sends it.
 * `restock`: the unit goes back on sale too (only while the drop sells).
 */
export const refundOrderInput = z.strictObject({ restock: z.boolean() });
export type RefundOrderInput = z.infer<typeof refundOrderInput>;

/**
 * One entry of GET /api/shoppers/me/claims (the "My orders" page): a hold or an order of the
 * shopper's, with the drop's name and the links that work for them. `state` is the claim's status
 * on the server's clock (a hold past its deadline is "expired" before the sweeper gets to it).
 */
export const myClaimSchema = z.object({
  claimId: z.string(),
  dropId: z.string(),
  dropName: z.string(),
  state: z.enum(claimStatuses),
  createdAt: z.string(),
  holdExpiresAt: z.string(),
  orderNumber: z.string().optional(),
  confirmedAt: z.string().optional(),
  /** The drop's page: where this tab checks out a hold. */
  dropUrl: z.string(),
  /** An order's private receipt link (`/orders/<claimId>?key=…`), good in any browser. */
  receiptUrl: z.string().optional(),
});
export type MyClaim = z.infer<typeof myClaimSchema>;

/** The body of GET /api/shoppers/me/claims: newest first, at most `MY_CLAIMS_MAX`. */
export type MyClaims = { claims: MyClaim[]; truncated: boolean };
export const MY_CLAIMS_MAX = 50;

/** An amount in one currency, in its minor unit (USD 1999 is $19.99); the currency upper case. */
export type Amount = { currency: string; minor: number };

/**
 * A drop's money (lib/payments/ledger.ts): what its payments took and gave back, against its paid
 * orders. It holds when captured − refunded = the paid orders' totals (in each currency) and no
 * priced order lacks a payment that succeeded. With PAYMENTS=off no money moved: it holds trivially.
 */
export type Ledger = {
  paymentsOn: boolean;
  /** Payments that ever succeeded (succeeded or refunded since); an authorisation is not captured. */
  captured: Amount[];
  refunded: Amount[];
  /** Confirmed orders paid by a payment not refunded: their totals. */
  paidOrders: Amount[];
  /** The drop's payments by where they stand. */
  payments: Record<PaymentStatus, number>;
  /** Payments that succeeded with no order of theirs yet: their webhook or the reconciler writes it or refunds it. */
  unsettled: number;
  /** Confirmed orders of a price that no succeeded payment paid. */
  unpaidOrders: number;
  note: string;
};

/** What a drop's payments took and gave back, and where each stands (the ledger's and the live view's). */
export type PaymentsMoney = Pick<Ledger, "captured" | "refunded" | "payments">;

/**
 * A drop's reconciliation (lib/claim/audit.ts): totalStock == remainingStock + held + confirmed, and
 * its money line (the ledger).
 */
export type Reconciliation = {
  dropId: string;
  totalStock: number;
  remainingStock: number;
  held: number;
  /** Orders that still hold a unit: a refunded order whose unit went back on sale is not one. */
  confirmed: number;
  /** Refunded orders whose unit went back on sale (counted in `remainingStock`, or on its way there). */
  restocked: number;
  winners: number;
  /** Units neither in stock nor in a live claim: > 0 means stranded, < 0 would be an oversell. */
  unaccounted: number;
  oversold: number;
  ledger: Ledger;
  /** captured − refunded = paid orders, and no priced order unpaid (always, with payments off). */
  ledgerHolds: boolean;
  reconciledAt: string;
};

export type AuditReport = Reconciliation & {
  action: "none" | "returned" | "waiting" | "anomaly" | "changed";
  returned: number;
  note: string;
};
