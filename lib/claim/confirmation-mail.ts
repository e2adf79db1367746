import "server-only";
import { orderPath } from "@/lib/auth/order-link";
import { appUrl } from "@/lib/env";
import { sendOrderConfirmation } from "@/lib/mail/order-confirmation";
import type { Claim } from "@/lib/schemas/claim";

/**
 * The confirmation mail of a new order, sent by whoever wrote the order (checkout, or a paid
 * payment's webhook). The order stands whether or not the mail goes out; the receipt page has the
 * same facts. The link is built from APP_URL, never from a request's Host.
 */
export async function mailConfirmation(claim: Claim): Promise<void> {
  if (!claim.order) return;
  await sendOrderConfirmation({ ...claim, order: claim.order }, appUrl() + orderPath(claim.id)).catch((err) =>
    console.error(`Order ${claim.orderNumber}: the confirmation mail failed`, err),
  );
}
