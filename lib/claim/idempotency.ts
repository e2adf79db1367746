import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { getItemBatched } from "@/lib/db/batched-get";
import { table } from "@/lib/db/client";
import { isRefused } from "@/lib/db/conditional";
import { keys, ttlAt } from "@/lib/db/table";

type KeyRef = { dropId: string; shopperId: string; key: string };
/** A shopper's Idempotency-Key on a drop, with the claim id it maps to. */
export type ClaimKey = KeyRef & { claimId: string };

/**
 * A key always maps to the same claim id, so a replay finds the claim without a second write.
 * Hashed here, once per request; everything after takes the id from the `ClaimKey`.
 */
export function claimKey(ref: KeyRef): ClaimKey {
  const { dropId, shopperId, key } = ref;
  const claimId = createHash("sha256")
    .update(`${dropId}\n${shopperId}\n${key}`)
    .digest("base64url")
    .slice(0, 24);
  return { dropId, shopperId, key, claimId };
}

/**
 * Reserves the key for one request; false when another request already holds it. The item names
 * its request (`owner`), so when the SDK resends a Put whose answer was lost (the resend fails the
 * condition), the request still knows the key is its own instead of waiting on itself.
 */
export async function reserveKey(
  ref: ClaimKey & {
    now: number;
    /** Until when a replay of this key must still find its claim: past its drop's end. */
    keepUntil: number;
  },
): Promise<boolean> {
  const owner = randomUUID();
  try {
    await table.put({
      Item: {
        ...keys.idempotency(ref.dropId, ref.shopperId, ref.key),
        claimId: ref.claimId,
        owner,
        createdAt: ref.now,
        ttl: ttlAt(ref.keepUntil),
      },
      ConditionExpression: "attribute_not_exists(pk)", // first request with this key wins
    });
    return true;
  } catch (err) {
    if (!isRefused(err)) throw err;
    return (await keyItem(ref))?.owner === owner;
  }
}

export async function keyIsReserved(ref: KeyRef): Promise<boolean> {
  return (await keyItem(ref)) !== undefined;
}

/** When the key was reserved, if it is held: its request took a unit, or may still take one. */
export async function keyReservedAt(ref: KeyRef): Promise<number | undefined> {
  const item = await keyItem(ref);
  return item && (item.createdAt ?? 0);
}

async function keyItem(ref: KeyRef): Promise<{ owner?: string; createdAt?: number } | undefined> {
  return (await getItemBatched(keys.idempotency(ref.dropId, ref.shopperId, ref.key))) as
    { owner?: string; createdAt?: number } | undefined;
}

/** Frees the key when its request took nothing, so a later retry is judged afresh. */
export async function releaseKey(ref: KeyRef): Promise<void> {
  await table.delete({ Key: keys.idempotency(ref.dropId, ref.shopperId, ref.key) });
}
