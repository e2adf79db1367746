import "server-only";
import { keptPerDrop } from "@/lib/admin/kept-per-drop";
import { paymentsMoney } from "@/lib/claim/ledger";
import { queryAll } from "@/lib/db/client";
import { claimIndexKeys, listQuery, lists, sortKeyIn } from "@/lib/db/lists";
import type { PaymentsMoney as Money } from "@/lib/schemas/claim";

// The live view's orders and revenue, counted from the claims themselves (gsi1 `CLAIMS#<dropId>`,
// by time): no counter anywhere, so a confirm writes nothing more (the hot drop item least of all),
// and a confirm sent twice is still one confirmed claim, one order. A claim no longer held, or held
// past its own deadline (a confirm needs `holdUntil > now`, lib/claim/checkout.ts) and SKEW_MS, is
// final: the oldest run of final claims is folded once into a per-process total, and a load queries
// only the claims after it. That tail is every claim of the last hold period: on a big drop with
// long holds, thousands of small index items, so it is read at most every CACHE_MS per server and
// drop, however many admins watch (orders lag the other live figures by up to that).
// With payments on, the same load keeps which claims checkout reached (only those have a payment,
// and only while held: a final claim never gets one) and reads their payments afresh each time, as
// a refund may come at any time: the money taken and given back.

// Covers the servers' clock differences, and a claim or confirm written a little after the `now`
// its request took at its start.
const SKEW_MS = 60_000;
const CACHE_MS = 5000;

/**
 * Confirmed orders, and their totals by currency (as each order recorded it, in minor units); with
 * payments on, `revenue` is the money kept (captured − refunded) and `money` its parts.
 */
export type OrderTotals = {
  orders: number;
  revenue: { currency: string; cents: number }[];
  money?: Money;
};

type Tally = { orders: number; cents: Map<string, number>; paid: string[] };
type Totals = {
  settledThrough: string; // sort keys of the drop's claims up to this one are final and in `settled` ("0": none yet)
  settled: Tally;
  tail: Tally;
  money?: Money;
  loadedAt: number;
  loading?: Promise<void>;
};
const loadTotals = keptPerDrop<Totals>({
  everyMs: CACHE_MS,
  create: () => ({ settledThrough: "0", settled: tally(), tail: tally(), loadedAt: 0 }),
  refresh,
});

export async function getOrderTotals({
  dropId,
  now = Date.now(),
}: {
  dropId: string;
  now?: number;
}): Promise<OrderTotals> {
  const t = await loadTotals(dropId, now);
  const sum = addInto(addInto(tally(), t.settled), t.tail);
  if (t.money) return { orders: sum.orders, revenue: kept(t.money), money: t.money };
  return {
    orders: sum.orders,
    revenue: [...sum.cents]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, cents]) => ({ currency, cents })),
  };
}

/** captured − refunded, by currency. */
function kept(m: Money): OrderTotals["revenue"] {
  const net = new Map(m.captured.map((a) => [a.currency, a.minor]));
  for (const r of m.refunded) net.set(r.currency, (net.get(r.currency) ?? 0) - r.minor);
  return [...net].map(([currency, cents]) => ({ currency, cents }));
}

/** Reads the claims after `settledThrough`; folds the leading ones now final into `settled`. */
async function refresh(dropId: string, t: Totals, now: number): Promise<void> {
  const claims = lists.claimsOf(dropId);
  const items = await queryAll({
    ...listQuery(claims, { op: ">", sortKey: t.settledThrough }),
    ExpressionAttributeNames: { "#id": "id", "#status": "status", "#order": "order", "#sk": claims.index.sk },
    ProjectionExpression:
      "#id, #sk, #status, holdUntil, holdExpiresAt, paymentId, #order.totalCents, #order.currency",
  });
  // A claim is written with its server's clock: one up to SKEW_MS behind may still add a claim that
  // sorts before now − SKEW_MS, never before that.
  const settleBefore = claimIndexKeys.byTime(new Date(now - SKEW_MS).toISOString(), "");
  const tail = tally();
  let settling = true; // still in the leading run of final claims (the query returns them by time)
  for (const item of items) {
    const deadline = (item.holdUntil as number | undefined) ?? Date.parse(item.holdExpiresAt as string);
    const final = item.status !== "held" || !(deadline + SKEW_MS > now); // no deadline: final
    const sortKey = sortKeyIn(claims, item)!;
    settling &&= final && sortKey < settleBefore;
    if (settling) t.settledThrough = sortKey;
    const paid = typeof item.paymentId === "string" ? [item.id as string] : [];
    const order =
      item.status === "confirmed"
        ? (item.order as { totalCents: number; currency: string } | undefined)
        : undefined;
    const one = {
      orders: item.status === "confirmed" ? 1 : 0,
      cents: new Map(order ? [[order.currency, order.totalCents]] : []),
      paid,
    };
    addInto(settling ? t.settled : tail, one);
  }
  t.tail = tail;
  t.money = await paymentsMoney([...t.settled.paid, ...tail.paid]);
  t.loadedAt = now;
}

const tally = (): Tally => ({ orders: 0, cents: new Map(), paid: [] });

function addInto(into: Tally, from: Tally): Tally {
  into.orders += from.orders;
  for (const [currency, cents] of from.cents)
    into.cents.set(currency, (into.cents.get(currency) ?? 0) + cents);
  into.paid.push(...from.paid);
  return into;
}
