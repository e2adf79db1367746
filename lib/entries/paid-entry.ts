import "server-only";
import { getLiveState } from "@/lib/claim/live-state";
import { reserveOrderEmail } from "@/lib/claim/order-email";
import { settlePayment } from "@/lib/claim/paid";
import { paymentView } from "@/lib/claim/paid-checkout";
import { queryAll, table } from "@/lib/db/client";
import { writeIf } from "@/lib/db/conditional";
import { ONE_ATTEMPT_DEAD_MS } from "@/lib/db/connect";
import { inList, leaveIndex, listQuery, lists } from "@/lib/db/lists";
import { indexes, keys } from "@/lib/db/table";
import { getDrop } from "@/lib/drop/drops";
import { drawClaimId } from "@/lib/entries/claim-id";
import { enter, getEntry, newEntryId, type StoredEntry } from "@/lib/entries/entries";
import { refusalError } from "@/lib/stock/refusals";
import { createHoldPayment, paymentProvider } from "@/lib/payments/hold-payment";
import { advancePayment, getPayment, type Payment } from "@/lib/payments/payments";
import type { PaymentProvider } from "@/lib/payments/provider";
import type { PaymentEffect } from "@/lib/payments/webhook";
import type { ClaimPayment, Order } from "@/lib/schemas/claim";

type Buyer = Order["buyer"];

// Entering a priced draw with payments on (issue 24), as SNKRS and EQL do: the card is authorised at
// entry (manual capture) and charged only if the entry wins (lib/claim/paid.ts captureHold).
// ENTRYAUTH#<dropId>#<shopperId> is the entry under way: its id, chosen now because the hold it may
// win is `drawClaimId(dropId, entryId)` and the authorisation is that hold's payment; the order as
// sent; the payment. The entry itself is written by the one write an unpaid entry has
// (lib/entries/entries.ts) when the app learns the card is authorised: from its webhook, the
// shopper's own poll, or the sweeper, whichever is first. Its time is then: an authorisation that
// comes after the close is released, never entered.

type AuthState = "authorising" | "entered" | "lapsed";

type EntryAuth = {
  dropId: string;
  shopperId: string;
  entryId: string;
  claimId: string;
  state: AuthState;
  startedAt: number;
  paymentId?: string;
  order?: Order;
};

/** What a paid entry's payment is for, on its PAY# item: the webhook finds the entry by it. */
export const entryRef = (dropId: string, shopperId: string) => `entry#${dropId}#${shopperId}`;

export function parseEntryRef(ref: string | undefined): { dropId: string; shopperId: string } | undefined {
  const [kind, dropId, shopperId] = ref?.split("#") ?? [];
  return kind === "entry" && dropId && shopperId ? { dropId, shopperId } : undefined;
}

/** A payment older than this with no word from the provider is asked about (a lost webhook). */
const ASK_AFTER_MS = 5_000;
/** Entries under way the sweeper looks after at once. */
const SWEEP_AT_ONCE = 10;

async function readAuth(dropId: string, shopperId: string): Promise<EntryAuth | undefined> {
  const { Item } = await table.get({ Key: keys.entryAuth(dropId, shopperId), ConsistentRead: true });
  return Item as EntryAuth | undefined;
}

/** The entry under way: the one begun earlier, or a new one (one per shopper and drop). */
async function beginAuth(dropId: string, shopperId: string, now: number): Promise<EntryAuth> {
  const entryId = newEntryId();
  const auth: EntryAuth = {
    dropId,
    shopperId,
    entryId,
    claimId: drawClaimId(dropId, entryId),
    state: "authorising",
    startedAt: now,
  };
  const put = await writeIf(
    table.put({
      Item: { ...keys.entryAuth(dropId, shopperId), ...auth, ...inList(lists.entryAuthsOf(dropId), entryId) },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  return put.applied ? auth : (await readAuth(dropId, shopperId))!;
}

/**
 * A paid entry: its payment for the card step (with its client secret), or the entry once the card
 * is authorised. Sent again (another card after a decline, new details), the same entry and payment.
 */
export async function startPaidEntry({
  dropId,
  shopperId,
  buyer,
  provider,
  now,
}: {
  dropId: string;
  shopperId: string;
  buyer: Buyer;
  provider: PaymentProvider;
  now: number;
}): Promise<{ payment: ClaimPayment } | { entry: StoredEntry }> {
  // Entered already (paid, or before payments were on): that entry, and no card asked.
  const entered = await getEntry(dropId, shopperId);
  if (entered) return { entry: entered };
  const auth = (await readAuth(dropId, shopperId)) ?? (await beginAuth(dropId, shopperId, now));
  if (auth.state === "lapsed") throw refusalError("ENDED");
  if (auth.state === "entered") return { entry: (await getEntry(dropId, shopperId))! };
  const drop = await getDrop({ id: dropId });
  const order: Order = {
    productName: drop.name,
    imageUrl: drop.imageUrl,
    unitPriceCents: drop.priceCents,
    currency: drop.currency,
    quantity: 1,
    totalCents: drop.priceCents,
    buyer,
  };
  // Refused now, as at checkout, if another shopper's order has this email for the drop.
  await reserveOrderEmail({ dropId, shopperId, claimId: auth.claimId, email: buyer.email });
  const { payment, clientSecret } = await createHoldPayment({
    provider,
    claimId: auth.claimId,
    amountMinor: order.totalCents,
    currency: order.currency,
    capture: "manual",
    ref: entryRef(dropId, shopperId),
    now,
  });
  // The order is the one the payment was made for: a price edited since does not change it.
  order.unitPriceCents = order.totalCents = payment.amountMinor;
  const write = await writeIf(
    table.update({
      Key: keys.entryAuth(dropId, shopperId),
      UpdateExpression: "SET paymentId = :pid, #order = :order",
      ConditionExpression: "#state = :authorising AND (attribute_not_exists(paymentId) OR paymentId = :pid)",
      ExpressionAttributeNames: { "#state": "state", "#order": "order" },
      ExpressionAttributeValues: {
        ":pid": payment.paymentId,
        ":order": order,
        ":authorising": "authorising",
      },
    }),
  );
  if (!write.applied) {
    // It moved on meanwhile (entered, or lapsed at the close): answered as it stands now.
    const moved = await readAuth(dropId, shopperId);
    if (moved?.state === "entered") return { entry: (await getEntry(dropId, shopperId))! };
    throw refusalError("ENDED");
  }
  // Authorised already (sent again after the card step, before the webhook): the entry now.
  if (payment.status === "authorised") {
    const done = await completePaidEntry({ dropId, shopperId, paymentId: payment.paymentId });
    if (done === "entered") return { entry: (await getEntry(dropId, shopperId))! };
    if (done === "lapsed") throw refusalError("ENDED");
  }
  return { payment: paymentView(payment, clientSecret) };
}

/**
 * The card of a paid entry is authorised: the entry is written now (once: its id was chosen at the
 * start), or, past the close, the authorisation is released.
 */
export async function completePaidEntry({
  dropId,
  shopperId,
  paymentId,
}: {
  dropId: string;
  shopperId: string;
  paymentId: string;
}): Promise<AuthState | "not ours"> {
  const auth = await readAuth(dropId, shopperId);
  if (!auth || auth.paymentId !== paymentId || !auth.order) return "not ours";
  // An authorisation that came after its entry lapsed (a slow start racing the close): released.
  if (auth.state === "lapsed") return lapse(auth, Date.now());
  if (auth.state !== "authorising") return auth.state;
  // Written already (its answer lost, or a crash before the move below): entered, whatever the time.
  if ((await getEntry(dropId, shopperId))?.id === auth.entryId) {
    await settleAuth(auth, "entered");
    return "entered";
  }
  const drop = await getLiveState(dropId);
  const at = Date.now();
  // The same rule as an unpaid entry's (lib/entries/enter-draw.ts): none is written at or after the close.
  if (!drop || at >= drop.endsAt) return lapse(auth, at);
  const { entry } = await enter({
    dropId,
    shopperId,
    now: at,
    entryId: auth.entryId,
    paid: { paymentId, order: auth.order },
  });
  // An entry made some other way first (an unpaid one, before payments were on): this card is not needed.
  if (entry.id !== auth.entryId) return lapse(auth, at);
  await settleAuth(auth, "entered");
  return "entered";
}

/** Leaves the list of entries under way, as entered or lapsed. Safe to repeat. */
async function settleAuth(auth: EntryAuth, state: Exclude<AuthState, "authorising">): Promise<void> {
  await writeIf(
    table.update({
      Key: keys.entryAuth(auth.dropId, auth.shopperId),
      UpdateExpression: `SET #state = :state REMOVE ${leaveIndex(indexes.byParent)}`,
      ConditionExpression: "#state = :authorising",
      ExpressionAttributeNames: { "#state": "state" },
      ExpressionAttributeValues: { ":state": state, ":authorising": "authorising" },
    }),
  );
}

/** An entry that will never be: its card's authorisation released (or its payment cancelled). */
async function lapse(auth: EntryAuth, now: number): Promise<"lapsed"> {
  const provider = paymentProvider();
  const payment = auth.paymentId ? await getPayment({ claimId: auth.claimId }) : undefined;
  if (provider && payment) await release(provider, payment, now);
  await settleAuth(auth, "lapsed");
  return "lapsed";
}

/** Releases a payment's authorisation at the provider and records it. Safe to repeat. */
export async function release(provider: PaymentProvider, payment: Payment, now: number): Promise<void> {
  if (payment.status === "released" || payment.status === "succeeded" || payment.status === "refunded")
    return;
  const { paymentId, claimId, amountMinor, currency } = payment;
  await provider.cancel({ paymentId, claimId });
  await advancePayment({
    provider: provider.name,
    payment: { id: paymentId, claimId, amountMinor, currency },
    to: "released",
    eventId: `released-${paymentId}`,
    now,
  });
}

/**
 * A paid entry still under way, looked after: entered if its card is authorised (the provider is
 * asked once its webhook is overdue), lapsed once the window closed and no entry can still land.
 */
export async function reconcileEntryAuth(auth: EntryAuth, now: number): Promise<AuthState | "not ours"> {
  if (auth.state !== "authorising") return auth.state;
  const drop = await getLiveState(auth.dropId, now);
  const closed = !drop || now >= drop.endsAt + ONE_ATTEMPT_DEAD_MS;
  if (auth.paymentId) {
    const provider = paymentProvider();
    let payment = await getPayment({ claimId: auth.claimId });
    if (
      provider &&
      payment &&
      payment.status !== "authorised" &&
      now - Date.parse(payment.updatedAt) >= ASK_AFTER_MS
    ) {
      const there = await provider.getPayment(payment.paymentId);
      if (there.status === "requires_capture")
        ({ payment } = await advancePayment({
          provider: provider.name,
          payment: there,
          to: "authorised",
          eventId: `reconciled-${there.id}`,
          now,
        }));
    }
    if (payment?.status === "authorised")
      return completePaidEntry({ dropId: auth.dropId, shopperId: auth.shopperId, paymentId: auth.paymentId });
  }
  if (!closed) return "authorising";
  // Written after all (a crash between the entry and this item's move): entered, not lapsed.
  const entry = await getEntry(auth.dropId, auth.shopperId);
  if (entry?.id === auth.entryId) return settleAuth(auth, "entered").then(() => "entered" as const);
  return lapse(auth, now);
}

/**
 * The shopper's own entry under way, if any (their page polls while the card is authorised). A poll
 * writes the entry when `PAY#` says authorised and its webhook's effect has not yet; it never asks
 * the provider (thousands poll: the sweeper asks, once a webhook is overdue) and never lapses.
 */
export async function myEntryAuth(dropId: string, shopperId: string) {
  const auth = await readAuth(dropId, shopperId);
  if (!auth) return undefined;
  const payment = await getPayment({ claimId: auth.claimId });
  let state: AuthState | "not ours" = auth.state;
  if (state === "authorising" && payment?.status === "authorised" && auth.paymentId === payment.paymentId)
    state = await completePaidEntry({ dropId, shopperId, paymentId: payment.paymentId }).catch(() => state);
  return { state, ...(payment ? { payment: paymentView(payment) } : {}) };
}

/** The sweeper's turn for a draw drop: its entries under way, each looked after. */
export async function sweepEntryAuths(dropId: string, now: number): Promise<number> {
  const items = await queryAll(listQuery(lists.entryAuthsOf(dropId)));
  let settled = 0;
  // A few at a time: each may ask the provider, and abandoned card steps must not hold up the sweep.
  for (let i = 0; i < items.length; i += SWEEP_AT_ONCE) {
    const states = await Promise.all(
      items.slice(i, i + SWEEP_AT_ONCE).map((item) =>
        reconcileEntryAuth(item as EntryAuth, now).catch((err) => {
          console.error(`Paid entry ${String(item.pk)}:`, err instanceof Error ? err.message : err);
          return "authorising" as const;
        }),
      ),
    );
    settled += states.filter((state) => state !== "authorising").length;
  }
  return settled;
}

/**
 * The webhook's effect (app/api/webhooks/payments): a paid entry's authorisation writes its entry;
 * every other event is a hold's (lib/claim/paid.ts), a captured authorisation's order included.
 */
export const settleEntryOrHold: PaymentEffect = async (input) => {
  const { payment, paymentId } = input;
  const entry = parseEntryRef(payment?.ref);
  if (entry && payment?.paymentId === paymentId && payment.status === "authorised")
    return void (await completePaidEntry({ ...entry, paymentId }));
  // An entry's card step (before any hold): nothing to extend.
  if (entry && input.type === "payment_intent.requires_action") return;
  await settlePayment(input);
};
