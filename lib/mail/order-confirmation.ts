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

export function sendOrderConfirmation(claim: Claim & { order: Order }, orderUrl: string) {
  return sendMail(orderConfirmationMail(claim, orderUrl));
}
