import { notFound } from "next/navigation";
import { OrderView } from "@/components/order/order-view";
import { claimIdSchema } from "@/lib/schemas/ids";

export default async function OrderPage({ params }: { params: Promise<{ claimId: string }> }) {
  const { claimId } = await params;
  if (!claimIdSchema.safeParse(claimId).success) notFound();
  return (
    <section className="mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-black">Your order</h1>
      <OrderView claimId={claimId} />
    </section>
  );
}
