import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { faults } from "@/lib/claim/faults";
import { expireHold, holdEnded } from "@/lib/claim/holds";
import { giveBackOrderEmail, hashEmail, normaliseEmail, reserveOrderEmail } from "@/lib/claim/order-email";
import { giveBackOrderNumber, takeOrderNumber } from "@/lib/claim/order-number";
import { getClaimItem, toClaim } from "@/lib/claim/reads";
import { table } from "@/lib/db/client";
import { isRefused } from "@/lib/db/conditional";
import { WRITER_DEAD_MS } from "@/lib/db/connect";
import { leaveIndex } from "@/lib/db/lists";
import { indexes, keys } from "@/lib/db/table";
import { AppError } from "@/lib/errors";
import type { Claim, Order } from "@/lib/schemas/claim";

// Checkout turns a hold into one order, in four writes, each safe to repeat and to resume:
//   1. the lease on the claim: which checkout is under way (its id, the hash of the buyer's details
//      and of the email). One at a time: a request with the same details joins it (a double click, a
//      retry after a crash), any other is IN_PROGRESS until it ends or its writer is surely dead;
//   2. the email, reserved for this claim (lib/claim/order-email.ts);
//   3. the order number, drawn from the lease id (lib/claim/order-number.ts);
//   4. the confirm: held → confirmed, only under this lease.
// So only the checkout holding the lease reserves anything, and only it can confirm. If it loses
// after reserving (the hold released or expired meanwhile, its stale lease taken over) it gives the
// email and the number back; a crash that strands them leaves nothing that refuses anybody.

/** The checkout under way on a held claim (its `checkout` attribute). */
export type CheckoutLease = { id: string; key: string; email: string; at: number };

/** A lease older than this is taken over by a checkout with other details: its writer is dead. */
const LEASE_MS = WRITER_DEAD_MS;

type Buyer = Order["buyer"];

/** Two confirms with the same details are the same checkout (the email compared normalised). */
const buyerKey = (b: Buyer) =>
  createHash("sha256")
    .update(JSON.stringify([b.name, normaliseEmail(b.email), b.shippingAddress]))
    .digest("base64url");

/** A confirmed claim sent its checkout again: the same order, or 409 if these are other details. */
export const confirmedAgain = (claim: Claim, buyer: Buyer): Claim => sameOrder(claim, buyerKey(buyer));

function sameOrder(claim: Claim, key: string): Claim {
  if (claim.order && buyerKey(claim.order.buyer) === key) return claim;
  throw new AppError("ALREADY_CONFIRMED", "This hold is already checked out, with other details.");
}

/**
 * Checks out a hold, recording the order as it is now (`order`, under a number taken for it).
 * Idempotent: the same details again answer with the same order (`fresh` false then).
 */
export async function confirmHold({
  claimId,
  dropId,
  shopperId,
  order,
  now,
}: {
  claimId: string;
  dropId: string;
  shopperId: string;
  order: Order;
  now: number;
}): Promise<{ claim: Claim; fresh: boolean }> {
  const key = buyerKey(order.buyer);
  const lease = await takeLease({ claimId, shopperId, key, email: hashEmail(order.buyer.email), now });
  if ("claim" in lease) return lease;
  const reservation = { dropId, shopperId, claimId, email: order.buyer.email };
  try {
    await reserveOrderEmail(reservation);
  } catch (err) {
    // Refused (EMAIL_HAS_ORDER, as every request of this checkout is): another email may try at once.
    if (err instanceof AppError) await dropLease(claimId, lease.id);
    throw err;
  }
  const orderNumber = await takeOrderNumber({ claimId, seed: lease.id });
  await faults.beforeCheckoutConfirm?.(claimId);
  // A payment provider plugs in here: authorise before the write below, capture after it.
  const confirmId = randomUUID();
  try {
    const { Attributes } = await table.update({
      Key: keys.claim(claimId),
      UpdateExpression: `SET #status = :confirmed, confirmedAt = :at, orderNumber = :number, #o = :o, confirmId = :confirmId REMOVE ${leaveIndex(indexes.byDeadline)}, checkout`,
      // Only the owner's live hold, before its deadline, under this lease: one order per hold.
      ConditionExpression:
        "#status = :held AND shopperId = :me AND holdUntil > :now AND checkout.id = :lease",
      ExpressionAttributeNames: { "#status": "status", "#o": "order" },
      ExpressionAttributeValues: {
        ":confirmed": "confirmed",
        ":held": "held",
        ":me": shopperId,
        ":now": now,
        ":at": new Date(now).toISOString(),
        ":number": orderNumber,
        ":o": order,
        ":confirmId": confirmId,
        ":lease": lease.id,
      },
      ReturnValues: "ALL_NEW",
    });
    return { claim: toClaim(Attributes!), fresh: true };
  } catch (err) {
    if (!isRefused(err)) throw err;
  }
  const item = await ownItem(claimId, shopperId);
  // The SDK resent our confirm after a lost answer: the claim names this request.
  if (item.confirmId === confirmId) return { claim: toClaim(item), fresh: true };
  // Lost. Give back what this checkout reserved, unless another request of it confirmed (or still may).
  const stillOurs =
    item.orderNumber === orderNumber ||
    (item.status === "held" && (item.checkout as CheckoutLease | undefined)?.id === lease.id);
  if (!stillOurs) {
    await Promise.all([
      giveBackOrderNumber({ orderNumber, claimId }),
      giveBackOrderEmail(reservation), // unless this claim (or another of the shopper's) still needs it
    ]).catch((e) => console.error(`Checkout of ${claimId}: a reservation was not given back`, e));
  }
  return settled(item, key, now);
}

/**
 * Write 1: the lease, or the answer for a claim that is not ours to check out (confirmed already,
 * ended, or under another checkout).
 */
async function takeLease({
  claimId,
  shopperId,
  key,
  email,
  now,
}: {
  claimId: string;
  shopperId: string;
  key: string;
  email: string;
  now: number;
}): Promise<CheckoutLease | { claim: Claim; fresh: false }> {
  const lease: CheckoutLease = { id: randomUUID(), key, email, at: now };
  try {
    await table.update({
      Key: keys.claim(claimId),
      UpdateExpression: "SET checkout = :lease",
      // The owner's live hold, with no checkout under way (or only one whose writer is surely dead).
      ConditionExpression:
        "#status = :held AND shopperId = :me AND holdUntil > :now AND (attribute_not_exists(checkout) OR checkout.#at <= :stale)",
      ExpressionAttributeNames: { "#status": "status", "#at": "at" },
      ExpressionAttributeValues: {
        ":held": "held",
        ":me": shopperId,
        ":now": now,
        ":stale": now - LEASE_MS,
        ":lease": lease,
      },
    });
    return lease;
  } catch (err) {
    if (!isRefused(err)) throw err;
  }
  const item = await ownItem(claimId, shopperId);
  const current = item.checkout as CheckoutLease | undefined;
  if (current?.id === lease.id) return lease; // the SDK resent our write after a lost answer
  // The same checkout sent again while it is under way: join it (same email, same numbers).
  if (item.status === "held" && (item.holdUntil as number) > now && current?.key === key) return current;
  return settled(item, key, now);
}

/** The answer for a claim this checkout cannot confirm: its order (same details), or why not. */
async function settled(
  item: Record<string, unknown>,
  key: string,
  now: number,
): Promise<{ claim: Claim; fresh: false }> {
  const claim = toClaim(item);
  if (claim.status === "confirmed") return { claim: sameOrder(claim, key), fresh: false };
  if (claim.status !== "held") throw holdEnded(claim.status);
  if ((item.holdUntil as number) <= now) {
    await expireHold({ claimId: claim.id, dropId: claim.dropId, now });
    throw holdEnded("expired");
  }
  throw new AppError(
    "IN_PROGRESS",
    "This hold is being checked out with other details. Try again in a minute.",
  );
}

/** Ends this checkout's lease after a refusal, so the next one need not wait. Best effort. */
async function dropLease(claimId: string, leaseId: string): Promise<void> {
  try {
    await table.update({
      Key: keys.claim(claimId),
      UpdateExpression: "REMOVE checkout",
      ConditionExpression: "checkout.id = :lease", // only our own lease
      ExpressionAttributeValues: { ":lease": leaseId },
    });
  } catch (err) {
    if (!isRefused(err)) console.error("Checkout lease not dropped", err);
  }
}

async function ownItem(claimId: string, shopperId: string): Promise<Record<string, unknown>> {
  const item = await getClaimItem({ id: claimId });
  if (!item || item.shopperId !== shopperId) throw new AppError("NOT_FOUND", "No such claim.");
  return item;
}
