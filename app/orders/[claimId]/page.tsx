import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrderView } from "@/components/order/order-view";
import { Receipt } from "@/components/order/receipt";
import { isOrderKey } from "@/lib/auth/order-link";
import { receiptClaim } from "@/lib/claim/shopper-actions";
import { claimIdSchema } from "@/lib/schemas/ids";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your order · DropRush", robots: { index: false } };

/**
 * The receipt. With the private key (`?key=`, from checkout and the confirmation mail) it renders
 * here, in any browser; without it, only the tab that bought it can load the order.
 */
export default async function OrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ claimId: string }>;
  searchParams: Promise<{ key?: string | string[] }>;
}) {
  const { claimId } = await params;
  const { key } = await searchParams;
  if (!claimIdSchema.safeParse(claimId).success) notFound();
  const keyed = typeof key === "string" && isOrderKey(claimId, key);
  const claim = keyed ? await receiptClaim(claimId) : undefined;
  return (
    <section className="mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-black">Your order</h1>
      {claim?.status === "confirmed" ? (
        <Receipt claim={claim} privateLink />
      ) : (
        <OrderView claimId={claimId} />
      )}
    </section>
  );
}
