import "server-only";
import { claimsFor } from "@/lib/admin/buyer-privacy";
import { csvRow, csvText } from "@/lib/admin/csv";
import type { Principal } from "@/lib/brand/principal";
import { claimsWithPayments } from "@/lib/claim/claim-payments";
import { table } from "@/lib/db/client";
import { claimIndexKeys, listQuery, lists, sortKeyIn, startAfter } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import { AppError } from "@/lib/errors";
import { minorDigits } from "@/lib/format";
import type { Claim } from "@/lib/schemas/claim";

// A drop's claims for the dashboard, from the sparse claims index (gsi1 "CLAIMS#<dropId>", sorted by
// "<createdAt>#<claimId>"): oldest first. The cursor is that sort key, base64url-encoded; it is
// checked before it reaches DynamoDB, and the key around it is rebuilt here, never taken from a client.
// Each claim comes with its payment, if checkout made one (one batch read a page). Buyers' details
// and payments' ids are shown as the caller may see them (lib/admin/buyer-privacy.ts).

export async function pageDropClaims({
  dropId,
  cursor,
  limit,
  principal,
}: {
  dropId: string;
  cursor?: string;
  limit: number;
  principal: Principal;
}): Promise<{ claims: Claim[]; nextCursor: string | null }> {
  const { Items = [], LastEvaluatedKey } = await table.query({
    ...listQuery(lists.claimsOf(dropId)),
    ExclusiveStartKey: cursor ? startKey(dropId, cursor) : undefined,
    Limit: limit,
  });
  const last = sortKeyIn(lists.claimsOf(dropId), LastEvaluatedKey);
  return {
    claims: claimsFor(principal, await claimsWithPayments(Items)),
    nextCursor: typeof last === "string" ? Buffer.from(last).toString("base64url") : null,
  };
}

function startKey(dropId: string, cursor: string): Record<string, string> {
  const sortKey = Buffer.from(cursor, "base64url").toString("utf8");
  const parsed = claimIndexKeys.parseByTime(sortKey);
  if (!parsed)
    throw new AppError("INVALID_REQUEST", "The cursor is not valid; start again from the first page.");
  return startAfter(lists.claimsOf(dropId), keys.claim(parsed.claimId), sortKey);
}

export const CSV_HEADER = [
  "claim_id",
  "drop_id",
  "shopper_id",
  "status",
  "created_at",
  "hold_expires_at",
  "confirmed_at",
  "order_number",
  "buyer_name",
  "buyer_email",
  "shipping_address",
  "payment_status",
  "amount",
  "currency",
  "card_last4",
  "payment_id",
];

/** An amount in the currency's major unit, as accounting tools read it: USD 1999 is "19.99". */
const major = (minor: number, currency: string) => {
  const digits = minorDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
};

/** Every claim of the drop as CSV (UTF-8, RFC 4180), streamed page by page, as `principal` may see it. */
export function claimsCsv(dropId: string, principal: Principal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvRow(CSV_HEADER)));
        return;
      }
      const page = await pageDropClaims({ dropId, cursor, limit: 500, principal });
      const rows = page.claims.map((c) =>
        csvRow([
          c.id,
          c.dropId,
          c.shopperId,
          c.status,
          c.createdAt,
          c.holdExpiresAt,
          c.confirmedAt,
          c.orderNumber,
          csvText(c.order?.buyer.name),
          csvText(c.order?.buyer.email),
          csvText(c.order?.buyer.shippingAddress),
          c.payment?.status,
          c.payment && major(c.payment.amountMinor, c.payment.currency),
          c.payment?.currency.toUpperCase(),
          c.order?.payment?.last4,
          c.payment?.paymentId,
        ]),
      );
      if (rows.length) controller.enqueue(encoder.encode(rows.join("")));
      if (page.nextCursor) cursor = page.nextCursor;
      else controller.close();
    },
  });
}

/** When the drop's newest claim was made (for "sold out in"), from one index item. */
async function lastClaimAt(dropId: string): Promise<string | undefined> {
  const { Items = [] } = await table.query({
    ...listQuery(lists.claimsOf(dropId)),
    ScanIndexForward: false,
    Limit: 1,
  });
  return Items[0]?.createdAt as string | undefined;
}

/** For a drop with no stock left: how long from its start to its last unit. */
export async function soldOutAfterMs(drop: {
  id: string;
  status: string;
  startsAt: string;
  remainingStock: number;
  totalStock: number;
}): Promise<number | undefined> {
  if (drop.status === "draft" || drop.remainingStock > 0 || drop.totalStock === 0) return undefined;
  const last = await lastClaimAt(drop.id);
  return last ? Date.parse(last) - Date.parse(drop.startsAt) : undefined;
}
