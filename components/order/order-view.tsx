"use client";

import Link from "next/link";
import { useClaim } from "@/lib/hooks/use-claim";
import { useShopper } from "@/lib/hooks/use-shopper";

/** The confirmation a shopper sees after checkout; only the tab that bought can see it. */
export function OrderView({ claimId }: { claimId: string }) {
  const { shopper } = useShopper();
  const { data, error } = useClaim(claimId, shopper?.token);
  if (error) return <p className="text-rose-700">{error.message}</p>;
  if (!data) return <p className="text-zinc-500">Loading your order…</p>;
  const { claim } = data;
  if (claim.status !== "confirmed") {
    return (
      <p>
        This claim is {claim.status}, not an order.{" "}
        <Link className="underline" href={`/drops/${claim.dropId}`}>
          Back to the drop
        </Link>
      </p>
    );
  }
  return (
    <div className="space-y-3 rounded-2xl border border-emerald-300 bg-white p-6 shadow-sm">
      <p className="text-sm font-semibold uppercase tracking-wide text-emerald-700">Order confirmed</p>
      <p className="text-3xl font-black" data-testid="order-number">
        {claim.orderNumber}
      </p>
      <p className="text-zinc-600">
        Confirmed{" "}
        <time dateTime={claim.confirmedAt}>
          {claim.confirmedAt && new Date(claim.confirmedAt).toLocaleString()}
        </time>
        . Your unit is reserved for you and will not go back to stock.
      </p>
      <p className="text-xs text-zinc-500">
        Payment is not taken in this version of DropRush; a payment provider would charge here.
      </p>
      <Link className="inline-block text-sm underline" href={`/drops/${claim.dropId}`}>
        Back to the drop
      </Link>
    </div>
  );
}
