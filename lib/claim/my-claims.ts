import "server-only";
import { orderPath } from "@/lib/auth/order-link";
import { listClaimsOfShopper } from "@/lib/claim/reads";
import { readDropNames } from "@/lib/drop/drop-reads";
import { MY_CLAIMS_MAX, type Claim, type MyClaim, type MyClaims } from "@/lib/schemas/claim";

// A tab's holds and orders across drops (the "My orders" page). The shopper's index is sorted by
// drop, so this reads a bounded number of them (four pages' worth) and sorts by time here.
const READ_AT_MOST = 4 * MY_CLAIMS_MAX;

/** The shopper's own claims, newest first, at most MY_CLAIMS_MAX, each with its drop's name and links. */
export async function myClaims({ shopperId, now }: { shopperId: string; now: number }): Promise<MyClaims> {
  const read = await listClaimsOfShopper({ shopperId, read: READ_AT_MOST });
  const newest = read.claims
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
    .slice(0, MY_CLAIMS_MAX);
  const names = await readDropNames(newest.map((c) => c.dropId));
  return {
    claims: newest.map((c) => entry(c, names.get(c.dropId), now)),
    truncated: read.truncated || read.claims.length > MY_CLAIMS_MAX,
  };
}

function entry(c: Claim, name: string | undefined, now: number): MyClaim {
  const lapsed = c.status === "held" && Date.parse(c.holdExpiresAt) <= now;
  return {
    claimId: c.id,
    dropId: c.dropId,
    // An order keeps the name it was bought under; a drop deleted since still has a line.
    dropName: c.order?.productName ?? name ?? "A drop no longer listed",
    state: lapsed ? "expired" : c.status,
    createdAt: c.createdAt,
    holdExpiresAt: c.holdExpiresAt,
    ...(c.orderNumber ? { orderNumber: c.orderNumber, confirmedAt: c.confirmedAt } : {}),
    dropUrl: `/drops/${c.dropId}`,
    ...(c.status === "confirmed" ? { receiptUrl: orderPath(c.id) } : {}),
  };
}
