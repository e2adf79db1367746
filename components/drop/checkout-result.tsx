import Link from "next/link";
import { units } from "@/components/drop/checkout-form";
import type { HoldCheckout } from "@/lib/hooks/actions";

/** The 8 characters of a claim id its hold card shows, so the shopper can tell which unit it was. */
const short = (claimId: string) => claimId.slice(0, 8);

/** The result's heading: every hold became an order, or how many of them did. */
export const checkoutHeading = (ordered: number, holds: number) =>
  ordered === holds
    ? `${ordered === 1 ? "Order" : `${ordered} orders`} confirmed`
    : `${ordered} of ${units(holds)} checked out`;

/**
 * What a checkout of several holds did, hold by hold: each order with its private receipt link,
 * and each hold the server refused, with its words (e.g. the hold expired meanwhile).
 */
export function CheckoutResult({ results }: { results: HoldCheckout[] }) {
  const orders = results.filter((r) => r.ok);
  const failed = results.filter((r) => !r.ok);
  const email = orders[0]?.confirmed.order?.buyer.email;
  return (
    <section
      data-testid="checkout-result"
      aria-labelledby="checkout-result-title"
      className="space-y-2 rounded-xl border border-zinc-200 bg-white p-4 text-sm"
    >
      <h2 id="checkout-result-title" className="font-bold">
        {checkoutHeading(orders.length, results.length)}
      </h2>
      {orders.length > 0 && (
        <ul className="space-y-1">
          {orders.map((r) => (
            <li key={r.claim.id} data-testid="checkout-order">
              Order{" "}
              <Link className="font-mono font-semibold underline" href={r.orderUrl}>
                {r.confirmed.orderNumber}
              </Link>{" "}
              <span className="text-zinc-500">(unit {short(r.claim.id)})</span>
            </li>
          ))}
        </ul>
      )}
      {orders.length > 0 && (
        <p className="text-xs text-zinc-500">
          Each link is that order&apos;s private receipt, good in any browser
          {email ? `; a confirmation for each is on its way to ${email}` : ""}.
        </p>
      )}
      {failed.length > 0 && (
        // The alert wraps the list: a list given a role is no longer a list to assistive tech.
        <div role="alert">
          <ul className="space-y-1 font-medium text-rose-700">
            {failed.map((r) => (
              <li key={r.claim.id} data-testid="checkout-failed">
                Unit {short(r.claim.id)} was not checked out: {r.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
