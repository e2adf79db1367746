import "server-only";
import { getItemBatched } from "@/lib/db/batched-get";
import { queryAll, table } from "@/lib/db/client";
import { claimIndexKeys, listQuery, lists } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import { AppError } from "@/lib/errors";
import type { Claim, ClaimRefund } from "@/lib/schemas/claim";

export async function getClaim({ id }: { id: string }): Promise<Claim | undefined> {
  const item = await getClaimItem({ id });
  return item ? toClaim(item) : undefined;
}

/** The stored claim item as it is (with the write markers the claim path checks), read consistently. */
export async function getClaimItem({ id }: { id: string }): Promise<Record<string, unknown> | undefined> {
  return getItemBatched(keys.claim(id)); // a stampede's keyed answers read together
}

/** The shopper's own claim; someone else's is reported as missing, so its existence is not revealed. */
export async function getOwnedClaim({
  claimId,
  shopperId,
}: {
  claimId: string;
  shopperId: string;
}): Promise<Claim> {
  const claim = await getClaim({ id: claimId });
  if (!claim || claim.shopperId !== shopperId) throw new AppError("NOT_FOUND", "No such claim.");
  return claim;
}

/** A shopper's claims on one drop, oldest first (sparse index: only won claims are in it). */
export async function listShopperClaims(input: { dropId: string; shopperId: string }): Promise<Claim[]> {
  return (await shopperClaimRecords(input)).map(toClaim);
}

/** The same, with when each ended hold ended: what the slot repair needs to know no writer is left. */
export async function shopperClaimRecords({
  dropId,
  shopperId,
}: {
  dropId: string;
  shopperId: string;
}): Promise<(Claim & { endedAt?: number })[]> {
  const { Items = [] } = await table.query({
    ...listQuery(lists.shopper(shopperId), { prefix: claimIndexKeys.shopperDrop(dropId) }),
  });
  return Items.map((item) => ({ ...toClaim(item), endedAt: item.endedAt as number | undefined }));
}

/**
 * A shopper's claims on every drop, from the same index, reading at most `read` of them (pages of
 * 100, never a scan). The index sorts them by drop, not by time, so "newest first" is sorted here:
 * exact whenever the shopper has no more than `read` claims (a tab holds a few per drop); past
 * that, `truncated` says the list is a part.
 */
export async function listClaimsOfShopper({
  shopperId,
  read,
}: {
  shopperId: string;
  read: number;
}): Promise<{ claims: Claim[]; truncated: boolean }> {
  const items: Record<string, unknown>[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await table.query({
      ...listQuery(lists.shopper(shopperId)),
      Limit: Math.min(100, read - items.length),
      ExclusiveStartKey: cursor,
    });
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor && items.length < read);
  return { claims: items.map(toClaim), truncated: cursor !== undefined };
}

export function toClaim(item: Record<string, unknown>): Claim {
  const { id, dropId, shopperId, status, createdAt, holdExpiresAt, orderNumber, confirmedAt, order } =
    item as Claim;
  const refund = item.refund as RefundGate | undefined;
  return {
    id,
    dropId,
    shopperId,
    status,
    createdAt,
    holdExpiresAt,
    ...(orderNumber ? { orderNumber, confirmedAt } : {}),
    ...(order ? { order } : {}),
    ...(refund ? { refund: refundView(refund) } : {}),
  };
}

/** An order's refund as stored on its claim (lib/claim/refund-order.ts writes it). */
export type RefundGate = {
  /** Which request took the gate (it alone returns the unit). */
  id: string;
  /** When the gate was written (epoch ms): the audit waits WRITER_DEAD_MS after it for the unit. */
  at: number;
  restock: boolean;
  restocked: boolean;
  /** When the provider took the refund, and its id. */
  sentAt?: number;
  refundId?: string;
};

const refundView = (g: RefundGate): ClaimRefund => ({
  at: new Date(g.at).toISOString(),
  restock: g.restock,
  restocked: g.restocked,
  sent: g.sentAt !== undefined,
});

/** Claims per page of the sweeper's paced listing: about 50 KB, a few milliseconds of the database. */
const PACED_PAGE = 100;

/**
 * Every claim of a drop, oldest first, with the fields the audit and the ledger need. `paced`: the
 * sweeper's, in small pages with a rest as long as each page took, so a big drop's audit never
 * holds the database in one burst of megabytes while shoppers claim (it takes twice as long).
 */
export async function listDropClaims({
  dropId,
  paced = false,
}: {
  dropId: string;
  paced?: boolean;
}): Promise<(Claim & { endedAt?: number; paymentId?: string })[]> {
  const items = await queryAll(
    { ...listQuery(lists.claimsOf(dropId)), ...(paced ? { Limit: PACED_PAGE } : {}) },
    { restAfterPage: paced },
  );
  return items.map((item) => ({
    ...toClaim(item),
    endedAt: item.endedAt as number | undefined,
    ...(typeof item.paymentId === "string" ? { paymentId: item.paymentId } : {}),
  }));
}
