import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { formatPrice } from "@/lib/format";
import { paymentStatusWords, type Claim } from "@/lib/schemas/claim";

/** How the order was paid: where its payment stands (paid, refunded, …) and the card's last four digits. */
function PaymentLine({ claim }: { claim: Claim }) {
  const paid = claim.order?.payment;
  if (!paid) return <p className="text-xs text-zinc-500">No payment was taken for this order.</p>;
  return (
    <p data-testid="receipt-payment" className="text-sm">
      <span className="text-zinc-500">Payment </span>
      {/* An order is written once its payment succeeded: paid, unless the payment reads otherwise. */}
      {paymentStatusWords[claim.payment?.status ?? "succeeded"]}
      {paid.last4 ? ` · card ending ${paid.last4}` : ""}
      {paid.provider === "local" ? " · test payment, no money moved" : ""}
    </p>
  );
}

/** The receipt of a confirmed claim: what was bought at checkout, where it goes, when. */
export function Receipt({ claim, privateLink = false }: { claim: Claim; privateLink?: boolean }) {
  const o = claim.order;
  return (
    <div
      data-testid="receipt"
      className="space-y-4 rounded-2xl border border-emerald-300 bg-white p-6 shadow-sm"
    >
      <div>
        <p className="text-sm font-semibold uppercase tracking-wide text-emerald-700">Order confirmed</p>
        <p className="text-3xl font-black" data-testid="order-number">
          {claim.orderNumber}
        </p>
        <p className="text-sm text-zinc-600">
          Confirmed {claim.confirmedAt && <LocalTime iso={claim.confirmedAt} />}.{" "}
          {claim.payment?.status === "refunded"
            ? "This order was refunded in full."
            : "Your unit is reserved for you and will not go back to stock."}
        </p>
      </div>
      {o && (
        <>
          <div className="flex gap-4">
            {o.imageUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- admin-supplied URLs of any host
              <img
                src={o.imageUrl}
                alt={o.productName}
                className="size-20 rounded-xl bg-zinc-100 object-cover"
              />
            ) : (
              <div aria-hidden className="size-20 rounded-xl bg-zinc-100" />
            )}
            <dl className="grid flex-1 grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-zinc-500">Product</dt>
              <dd data-testid="receipt-product" className="font-semibold">
                {o.productName}
              </dd>
              <dt className="text-zinc-500">Price</dt>
              <dd>{formatPrice(o.unitPriceCents, o.currency)}</dd>
              <dt className="text-zinc-500">Quantity</dt>
              <dd>{o.quantity}</dd>
              <dt className="text-zinc-500">Total</dt>
              <dd data-testid="receipt-total" className="font-semibold">
                {formatPrice(o.totalCents, o.currency)}
              </dd>
            </dl>
          </div>
          <div className="text-sm">
            <p className="text-zinc-500">Shipping to</p>
            <p data-testid="receipt-ship-to" className="whitespace-pre-line">
              {o.buyer.name}
              {"\n"}
              {o.buyer.shippingAddress}
            </p>
            <p className="mt-1 text-zinc-500">A confirmation was sent to {o.buyer.email}.</p>
          </div>
        </>
      )}
      {privateLink && (
        <p className="text-xs text-zinc-500">
          Keep this page&apos;s address: it is your private order link and opens this receipt in any browser.
        </p>
      )}
      <PaymentLine claim={claim} />
      <Link className="inline-block text-sm underline" href={`/drops/${claim.dropId}`}>
        Back to the drop
      </Link>
    </div>
  );
}
