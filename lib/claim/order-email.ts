import "server-only";
import { createHash } from "node:crypto";
import { getClaimItem } from "@/lib/claim/reads";
import { getItemBatched } from "@/lib/db/batched-get";
import { table } from "@/lib/db/client";
import { isRefused } from "@/lib/db/conditional";
import { keys } from "@/lib/db/table";
import { AppError } from "@/lib/errors";
import type { Order } from "@/lib/schemas/claim";

// One order per email per drop: the first shopper to check out with an email owns it for that
// drop; the same shopper may check out more units (up to their limit) with it, anyone else is
// refused. ORDEREMAIL#<dropId>#<hash> names the shopper, the claims that reserved it (a set) and a
// version `v` that every reservation bumps. A claim reserves an email only under its checkout's lease
// (lib/claim/checkout.ts), and a checkout that loses gives it back. One left behind by a crash or a
// lost race refuses nobody: once none of its claims has or may still get an order with that email
// (each ended, confirmed with another email, or held with no checkout of this email under way), the
// next shopper takes it over, conditional on `v`, so a checkout that reserved it meanwhile keeps it.
// A reservation from before they named their claims (no `v`) stays its shopper's, untouched.
// The address is normalised by case and surrounding space only: dots and "+tags" are kept, since
// what they mean depends on the mail provider.

/** The form of an email that two checkouts are compared by. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** What is stored of an email (the reservation's key, a checkout's lease): its normalised sha-256. */
export const hashEmail = (email: string) =>
  createHash("sha256").update(normaliseEmail(email)).digest("base64url");

type Input = { dropId: string; shopperId: string; claimId: string; email: string };

/** Reserves the email for this claim's checkout; 409 EMAIL_HAS_ORDER when another shopper has it. */
export async function reserveOrderEmail({ dropId, shopperId, claimId, email }: Input): Promise<void> {
  const hash = hashEmail(email);
  const key = keys.orderEmail(dropId, hash);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await table.update({
        Key: key,
        UpdateExpression: "SET shopperId = :me ADD claims :claim, v :one",
        // Free, or this shopper's already; the claim is in a set, so a resend changes nothing.
        ConditionExpression: "attribute_not_exists(pk) OR (shopperId = :me AND attribute_exists(v))",
        ExpressionAttributeValues: { ":me": shopperId, ":claim": new Set([claimId]), ":one": 1 },
      });
      return;
    } catch (err) {
      if (!isRefused(err)) throw err;
    }
    const taken = await getItemBatched(key);
    // This shopper's from before reservations named their claims: theirs as it is, for good.
    if (taken?.shopperId === shopperId && taken.v === undefined) return;
    if (taken === undefined || taken.shopperId === shopperId) continue; // given back, or ours since
    if (!(await isStranded(taken, hash))) break;
    try {
      await table.put({
        Item: { ...key, shopperId, claims: new Set([claimId]), v: (taken.v as number) + 1 },
        // Only the reservation as judged: one reserved again since (v) is kept by its checkout.
        ConditionExpression: "v = :v",
        ExpressionAttributeValues: { ":v": taken.v },
      });
      return;
    } catch (err) {
      if (!isRefused(err)) throw err;
    }
  }
  throw new AppError(
    "EMAIL_HAS_ORDER",
    "This email already has an order for this drop: one order per email.",
    [{ path: "email", message: "This email already has an order for this drop" }],
  );
}

/** Gives the email back after this claim's checkout lost, unless a claim of the shopper still needs it. */
export async function giveBackOrderEmail({ dropId, shopperId, claimId, email }: Input): Promise<void> {
  const hash = hashEmail(email);
  const key = keys.orderEmail(dropId, hash);
  const taken = await getItemBatched(key);
  if (taken?.shopperId !== shopperId || !(taken.claims as Set<string> | undefined)?.has(claimId)) return;
  if (!(await isStranded(taken, hash))) return;
  try {
    await table.delete({
      Key: key,
      ConditionExpression: "v = :v", // unless a checkout reserved it again since
      ExpressionAttributeValues: { ":v": taken.v },
    });
  } catch (err) {
    if (!isRefused(err)) throw err;
  }
}

/** True when none of the reservation's claims has, or may still get, an order with this email. */
async function isStranded(reservation: Record<string, unknown>, hash: string): Promise<boolean> {
  const claims = reservation.claims as Set<string> | undefined;
  if (!claims || typeof reservation.v !== "number") return false; // from before claims were named: kept
  const items = await Promise.all([...claims].map((id) => getClaimItem({ id })));
  return items.every((claim) => !claim || !mayOrderWith(claim, hash));
}

function mayOrderWith(claim: Record<string, unknown>, hash: string): boolean {
  if (claim.status === "confirmed") return hashEmail((claim.order as Order).buyer.email) === hash;
  if (claim.status !== "held") return false;
  // A held claim whose checkout of this email is under way, or stopped and may be sent again, or
  // whose payment is under way for an order to this email (lib/claim/paid-checkout.ts).
  const paying = claim.pendingOrder as Order | undefined;
  return (
    (claim.checkout as { email?: string } | undefined)?.email === hash ||
    (paying !== undefined && hashEmail(paying.buyer.email) === hash)
  );
}
