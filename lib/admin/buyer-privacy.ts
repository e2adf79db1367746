import { can, type Principal } from "@/lib/brand/principal";
import type { Claim, Order } from "@/lib/schemas/claim";

// Least privilege for buyers' details. The operator, owners and managers (members or API tokens)
// fulfil orders, so they see each buyer's name, email and shipping address as typed, and the
// payment's id and card; a viewer sees that an order exists, its number, status, times and amount,
// and the buyer masked: initials, the email's first letters and its top-level domain, no address,
// the payment's id by its kind alone ("pi_•••"), no card digits. Every admin read of claims (the JSON pages,
// the CSV, the pages built on them) goes through `claimsFor`, the one place this is decided.

/** Who sees buyers' names, emails and shipping addresses unmasked. */
export const seesBuyers = (p: Principal): boolean => can(p, "manager");

const MASK = "•••";

/** "Jane van Doe" → "J••• v••• D•••": each word's first letter. */
export function maskName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words.length ? words.map((w) => `${Array.from(w)[0]}${MASK}`).join(" ") : MASK;
}

/** "jane.doe@mail.example.com" → "j•••@m•••.com": the first letters and the top-level domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return MASK;
  const labels = email.slice(at + 1).split(".");
  const tld = labels.length > 1 ? `.${labels[labels.length - 1]}` : "";
  const first = (s: string) => Array.from(s)[0] ?? "";
  return `${first(email)}${MASK}@${first(labels[0] ?? "")}${MASK}${tld}`;
}

/** The buyer as a viewer sees them: masked; the shipping address not at all. */
export function maskBuyer(buyer: Order["buyer"]): Order["buyer"] {
  return { name: maskName(buyer.name), email: maskEmail(buyer.email), shippingAddress: MASK };
}

/** "pi_3Nx…" → "pi_•••": what kind of id it is, not which. */
export function maskPaymentId(id: string): string {
  const kind = /^[a-z]+_/.exec(id)?.[0] ?? "";
  return `${kind}${MASK}`;
}

/** The claims as `p` may see them: buyers unmasked for a manager or above, masked for a viewer. */
export function claimsFor(p: Principal, claims: Claim[]): Claim[] {
  if (seesBuyers(p)) return claims;
  return claims.map((c) => ({
    ...c,
    ...(c.order && {
      order: {
        ...c.order,
        buyer: maskBuyer(c.order.buyer),
        ...(c.order.payment && {
          payment: {
            provider: c.order.payment.provider,
            paymentId: maskPaymentId(c.order.payment.paymentId),
            ...(c.order.payment.last4 ? { last4: MASK } : {}),
          },
        }),
      },
    }),
    ...(c.payment && { payment: { ...c.payment, paymentId: maskPaymentId(c.payment.paymentId) } }),
  }));
}
