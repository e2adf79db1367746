import type { Metadata } from "next";
import { MyOrders } from "@/components/order/my-orders";

export const metadata: Metadata = { title: "My orders · DropRush", robots: { index: false } };

/** The tab's holds and orders on every drop: the list is the tab's own, so it loads in the browser. */
export default function MyOrdersPage() {
  return (
    <section aria-labelledby="my-orders-title" className="mx-auto max-w-2xl space-y-4">
      <div className="space-y-1">
        <h1 id="my-orders-title" className="text-2xl font-black">
          My orders
        </h1>
        <p className="text-sm text-zinc-600">
          Your holds and orders are kept for this browser tab (each tab is its own shopper); every
          order&apos;s receipt link is also in its confirmation mail.
        </p>
      </div>
      <MyOrders />
    </section>
  );
}
