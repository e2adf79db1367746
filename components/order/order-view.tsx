"use client";

import Link from "next/link";
import { Receipt } from "@/components/order/receipt";
import { useClaim } from "@/lib/hooks/use-claim";
import { useShopper } from "@/lib/hooks/use-shopper";

/** Without the private key: the receipt for the tab that bought it, else a way on. */
export function OrderView({ claimId }: { claimId: string }) {
  const { shopper } = useShopper();
  const { data, error } = useClaim(claimId, shopper?.token);
  if (error) {
    return (
      <div className="space-y-2">
        <p>This order opens from the private link in its confirmation mail, or in the tab that bought it.</p>
        <Link className="text-sm underline" href="/">
          See the drops
        </Link>
      </div>
    );
  }
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
  return <Receipt claim={claim} />;
}
