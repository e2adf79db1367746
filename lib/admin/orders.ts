import "server-only";
import { queryAll } from "@/lib/db/client";
import { claimIndexKeys, indexes, parents } from "@/lib/db/table";

// The live view's orders and revenue, counted from the claims themselves (gsi1 `CLAIMS#<dropId>`,
// by time): no counter anywhere, so a confirm writes nothing more (the hot drop item least of all),
// and a confirm sent twice is still one confirmed claim, one order. A hold can only be confirmed
// before its deadline (lib/claim/checkout.ts), so a claim created more than holdSeconds (and the
// servers' clock skew) ago is final: it is folded once into a per-process total, and each poll
// queries only the claims still able to change, one load a second per drop however many admins watch.

const SKEW_MS = 60_000; // a deadline is its claim's server's clock; a confirm checks its own
const CACHE_MS = 1000;

/** Confirmed orders, and their totals by currency (as each order recorded it, in minor units). */
export type OrderTotals = { orders: number; revenue: { currency: string; cents: number }[] };

type Tally = { orders: number; cents: Map<string, number> };
type Totals = {
  settledBefore: string; // gsi1 sort keys below this are final and in `settled` ("0": none yet)
  settled: Tally;
  tail: Tally;
  loadedAt: number;
  loading?: Promise<void>;
};
const totals = new Map<string, Totals>();

export async function getOrderTotals({
  dropId,
  holdSeconds,
  now = Date.now(),
}: {
  dropId: string;
  holdSeconds: number;
  now?: number;
}): Promise<OrderTotals> {
  let t = totals.get(dropId);
  if (!t) {
    t = { settledBefore: "0", settled: tally(), tail: tally(), loadedAt: 0 };
    totals.set(dropId, t);
    if (totals.size > 1000) totals.delete(totals.keys().next().value as string);
  }
  if (now - t.loadedAt >= CACHE_MS) {
    const current = t;
    current.loading ??= refresh(dropId, current, holdSeconds, now).finally(
      () => (current.loading = undefined),
    );
  }
  await t.loading;
  const sum = addInto(addInto(tally(), t.settled), t.tail);
  return {
    orders: sum.orders,
    revenue: [...sum.cents]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, cents]) => ({ currency, cents })),
  };
}

/** Reads the claims from `settledBefore` on; folds the ones now final into `settled`. */
async function refresh(dropId: string, t: Totals, holdSeconds: number, now: number): Promise<void> {
  const items = await queryAll({
    IndexName: indexes.byParent.name,
    KeyConditionExpression: "gsi1pk = :claims AND gsi1sk >= :from",
    ExpressionAttributeNames: { "#status": "status", "#order": "order" },
    ExpressionAttributeValues: { ":claims": parents.claimsOf(dropId), ":from": t.settledBefore },
    ProjectionExpression: "gsi1sk, #status, #order.totalCents, #order.currency",
  });
  const settleBefore = claimIndexKeys.byTime(new Date(now - holdSeconds * 1000 - SKEW_MS).toISOString(), "");
  const tail = tally();
  for (const item of items) {
    if (item.status !== "confirmed") continue;
    const order = item.order as { totalCents: number; currency: string } | undefined;
    const one = { orders: 1, cents: new Map(order ? [[order.currency, order.totalCents]] : []) };
    addInto((item.gsi1sk as string) < settleBefore ? t.settled : tail, one);
  }
  if (settleBefore > t.settledBefore) t.settledBefore = settleBefore;
  t.tail = tail;
  t.loadedAt = now;
}

const tally = (): Tally => ({ orders: 0, cents: new Map() });

function addInto(into: Tally, from: Tally): Tally {
  into.orders += from.orders;
  for (const [currency, cents] of from.cents)
    into.cents.set(currency, (into.cents.get(currency) ?? 0) + cents);
  return into;
}
