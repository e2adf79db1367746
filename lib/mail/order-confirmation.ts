import "server-only";
import { formatPrice } from "@/lib/format";
import type { Claim, Order } from "@/lib/schemas/claim";
import { sendMail } from "@/lib/mail/send";

/** The shopper's proof of purchase: what they bought, where it goes, and the private order link. */
export function orderConfirmationMail(claim: Claim & { order: Order }, orderUrl: string) {
  const o = claim.order;
  const lines = [
    `Hi ${o.buyer.name},`,
    "",
    `Your order ${claim.orderNumber} is confirmed.`,
    "",
    `  ${o.quantity} × ${o.productName} at ${formatPrice(o.unitPriceCents, o.currency)}`,
    `  Total: ${formatPrice(o.totalCents, o.currency)}`,
    ...(o.payment ? [`  Paid${o.payment.last4 ? ` with the card ending ${o.payment.last4}` : ""}.`] : []),
    "",
    "Shipping to:",
    `  ${o.buyer.name}`,
    ...o.buyer.shippingAddress.split("\n").map((l) => `  ${l}`),
    "",
    `Your receipt, in any browser: ${orderUrl}`,
    "(Keep this link private: anyone with it can see this order.)",
    "",
    "— DropRush",
  ];
  return {
    to: o.buyer.email,
    subject: `Order ${claim.orderNumber}: ${o.productName}`,
    text: lines.join("\n"),
  };
}

/** A payment that came after its hold ended, refunded: the shopper hears it even if they left the page. */
export function lateRefundMail(o: Order, paid: { amountMinor: number; currency: string }) {
  const amount = formatPrice(paid.amountMinor, paid.currency.toUpperCase());
  const lines = [
    `Hi ${o.buyer.name},`,
    "",
    `Your hold on ${o.productName} ended before your payment went through, so there is no order.`,
    `We refunded the payment of ${amount} in full; your bank shows it within a few days.`,
    "",
    "— DropRush",
  ];
  return { to: o.buyer.email, subject: `Refunded: ${o.productName}`, text: lines.join("\n") };
}

export function sendLateRefund(o: Order, paid: { amountMinor: number; currency: string }) {
  return sendMail(lateRefundMail(o, paid));
}

export function sendOrderConfirmation(claim: Claim & { order: Order }, orderUrl: string) {
  return sendMail(orderConfirmationMail(claim, orderUrl));
}
