import "server-only";
import { checkGuest, type ClaimProof } from "@/lib/claim/guest-proof";
import { getLiveState } from "@/lib/claim/live-state";
import { getDrop } from "@/lib/drop/drops";
import { enter, getEntry } from "@/lib/entries/entries";
import { startPaidEntry } from "@/lib/entries/paid-entry";
import { receiptFor } from "@/lib/entries/receipts";
import { AppError } from "@/lib/errors";
import { paymentProvider } from "@/lib/payments/hold-payment";
import type { ClaimPayment, Order } from "@/lib/schemas/claim";
import type { Entered } from "@/lib/schemas/entry";
import { refusalError } from "@/lib/stock/refusals";
import { dropStatus } from "@/lib/stock/status";

// Entering a draw drop: its window from the cached state (≤ 1 s stale; the draw takes only entries
// made before the close, so a late one is left out, and its receipt's time shows why), then the
// guards a claim has (the address's limit, the proof of work), then one Put of the entry. Never a
// write on the drop's stock item. With payments on and a price, the shopper's details come with it
// and the card is authorised first (lib/entries/paid-entry.ts): the answer is the payment.

export type EnterAnswer =
  (Entered & { created: boolean; payment?: undefined }) | { payment: ClaimPayment; entry?: undefined };

export async function enterDraw({
  dropId,
  shopperId,
  proof,
  buyer,
  now = Date.now(),
}: {
  dropId: string;
  shopperId: string;
  proof: ClaimProof;
  /** The shopper's details: needed (and only read) when the entry is paid. */
  buyer?: Order["buyer"];
  now?: number;
}): Promise<EnterAnswer> {
  const drop = await getLiveState(dropId, now);
  if (!drop || drop.phase === "draft") throw refusalError("NOT_FOUND");
  if (drop.mode !== "draw")
    throw new AppError("NOT_A_DRAW", "This drop is first come, first served: claim it.");
  const status = dropStatus({ ...drop, remainingStock: 1 }, now); // stock does not close entries
  if (status === "scheduled") throw refusalError("NOT_STARTED");
  if (status === "ended") throw refusalError("ENDED");
  if (status === "paused") throw refusalError("PAUSED");
  const provider = paymentProvider();
  const paid = provider && (await priceOf(dropId, now)) > 0;
  if (paid && !buyer)
    throw new AppError(
      "INVALID_REQUEST",
      "This draw authorises your card at entry: send your name, email and shipping address.",
    );
  const spend = await checkGuest(proof, { dropId, shopperId, now }, drop, undefined);
  if (paid) {
    await spend?.spend();
    const started = await startPaidEntry({ dropId, shopperId, buyer: buyer!, provider, now });
    if ("payment" in started) return { payment: started.payment };
    return { entry: publicEntry(started.entry), receipt: receiptFor(started.entry), created: false };
  }
  if (spend) {
    // Entered already: the same entry, without spending another solution on it.
    const earlier = await getEntry(dropId, shopperId);
    if (earlier) return { entry: publicEntry(earlier), receipt: receiptFor(earlier), created: false };
    await spend.spend();
  }
  // The entry's time is taken once, here, and judged against the close it will be drawn by: an
  // entry the draw would leave out is never written. Without a proof to spend, the Put alone finds
  // an earlier entry (and answers it).
  const at = Date.now();
  if (at >= drop.endsAt) throw refusalError("ENDED");
  const { entry, created } = await enter({ dropId, shopperId, now: at });
  return { entry: publicEntry(entry), receipt: receiptFor(entry), created };
}

/**
 * A drop's price, read at most every PRICE_MS per process: every entrant of a big draw asks, and one
 * drop item must not take every read. A price edited from or to zero applies within that time.
 */
const PRICE_MS = 5_000;
const prices = new Map<string, { at: number; price: Promise<number> }>();
function priceOf(dropId: string, now: number): Promise<number> {
  const seen = prices.get(dropId);
  if (seen && now - seen.at < PRICE_MS) return seen.price;
  const price = getDrop({ id: dropId }).then((d) => d.priceCents);
  prices.set(dropId, { at: now, price });
  price.catch(() => prices.delete(dropId)); // never keep a failure
  if (prices.size > 1000) prices.delete(prices.keys().next().value as string);
  return price;
}

const publicEntry = ({ id, dropId, createdAt }: { id: string; dropId: string; createdAt: string }) => ({
  id,
  dropId,
  createdAt,
});
