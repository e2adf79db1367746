"use client";

import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { useMyOrders } from "@/lib/hooks/use-my-orders";
import { useShopper } from "@/lib/hooks/use-shopper";
import { MY_CLAIMS_MAX, type MyClaim } from "@/lib/schemas/claim";

const link = "font-semibold underline";

/** This tab's holds and orders, newest first, each with the links that work for it. */
export function MyOrders() {
  // Reads the tab's shopper; a tab that never claimed has none, and none is made for it here.
  const { shopper, error: shopperError, loaded } = useShopper({ mint: false });
  const { data, error } = useMyOrders(shopper?.token);
  if (shopperError || error) {
    return (
      <p role="alert" className="text-sm font-medium text-rose-700">
        We could not load your orders. Reload the page to try again.
      </p>
    );
  }
  if (!loaded || (shopper && !data)) return <p className="text-zinc-500">Loading your orders…</p>;
  if (!data || data.claims.length === 0) {
    return (
      <p data-testid="my-orders-empty" className="rounded-xl bg-white p-4 text-sm shadow-sm">
        No orders yet in this tab.{" "}
        <Link href="/" className={link}>
          See the drops
        </Link>
      </p>
    );
  }
  return (
    <>
      <ul className="space-y-3">
        {data.claims.map((c) => (
          <li
            key={c.claimId}
            data-testid="my-order"
            data-state={c.state}
            className="space-y-1 rounded-xl border border-zinc-200 bg-white p-4 text-sm"
          >
            <p className="break-words text-base font-bold">{c.dropName}</p>
            <Line claim={c} />
          </li>
        ))}
      </ul>
      {data.truncated && (
        <p className="text-sm text-zinc-600">
          Only {MY_CLAIMS_MAX} are shown: this tab has more holds and orders than fit here.
        </p>
      )}
    </>
  );
}

/** What became of the claim, in words, and where to go from it. */
function Line({ claim: c }: { claim: MyClaim }) {
  const drop = <span className="sr-only"> {c.dropName}</span>;
  switch (c.state) {
    case "held":
      return (
        <p>
          A unit is held for you until <LocalTime iso={c.holdExpiresAt} />.{" "}
          <Link href={c.dropUrl} className={link}>
            Check out{drop}
          </Link>
        </p>
      );
    case "confirmed":
      return (
        <p>
          Order <span className="font-mono font-semibold">{c.orderNumber}</span>, confirmed{" "}
          {c.confirmedAt && <LocalTime iso={c.confirmedAt} />}.{" "}
          {c.receiptUrl && (
            <Link href={c.receiptUrl} className={link}>
              Receipt<span className="sr-only"> for order {c.orderNumber}</span>
            </Link>
          )}
        </p>
      );
    case "expired":
    case "released":
      return (
        <p className="text-zinc-600">
          {c.state === "expired"
            ? "Your hold expired and the unit went back to stock."
            : "You gave this unit back."}{" "}
          <Link href={c.dropUrl} className={link}>
            See the drop{drop}
          </Link>
        </p>
      );
  }
}
