import "server-only";
import { randomBytes } from "node:crypto";
import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "@/lib/db/client";
import { indexes, keys, parents } from "@/lib/db/table";
import { getCachedDropState } from "@/lib/drop-cache";
import { AppError } from "@/lib/errors";
import { claimIdForKey, keyIsReserved, releaseKey, reserveKey } from "@/lib/idempotency";
import { giveBackSlot, getSlot, takeSlot } from "@/lib/slots";
import { refusalError, refusalFor, takeUnit } from "@/lib/stock";
import type { Claim } from "@/lib/schemas/claim";

type ClaimInput = { dropId: string; shopperId: string; idempotencyKey?: string; now?: number };
export type ClaimResult = { claim: Claim; replay: boolean };

const REPLAY_WAIT_MS = 5000;
const REPLAY_POLL_MS = 50;

/**
 * Claims one unit of a drop for a shopper. Writes, in order: the shopper's slot (limit), THE
 * conditional stock write on the drop item, then the claim. A refusal gives the slot back.
 */
export async function claimUnit(input: ClaimInput): Promise<ClaimResult> {
  const now = input.now ?? Date.now();
  // 1. Cached state (≤ 1 s stale) answers sold-out, ended and not-started without a write.
  //    Paused is left to the write, so a resume takes effect at once.
  const cached = await getCachedDropState(input.dropId, now);
  const early = refusalFor(cached, now);
  if (!cached || (early && early !== "PAUSED")) throw refusalError(early ?? "NOT_FOUND");

  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await attemptClaim({ ...input, now, maxPerShopper: cached.maxPerShopper, holdSeconds: cached.holdSeconds });
    if (result !== "retry") return result;
  }
  throw busy();
}

async function attemptClaim(input: Required<Omit<ClaimInput, "idempotencyKey">> & { idempotencyKey?: string; maxPerShopper: number; holdSeconds: number }): Promise<ClaimResult | "retry"> {
  const { dropId, shopperId, idempotencyKey: key, now } = input;
  const keyRef = key ? { dropId, shopperId, key } : undefined;
  const claimId = keyRef ? claimIdForKey(keyRef) : randomBytes(16).toString("base64url");

  // 2. Idempotency: a key already in use replays (or waits for) the claim it produced.
  if (keyRef && !(await reserveKey({ ...keyRef, now }))) {
    return awaitClaim(claimId, async () => !(await keyIsReserved(keyRef)));
  }
  let tookUnit = false;
  try {
    // 3. The shopper's slot: a double click can never take a second unit.
    const slot = await takeSlot({ dropId, shopperId, claimId, max: input.maxPerShopper, now });
    if (!slot) return await atLimit(input);

    // 4. THE write on the drop item.
    const taken = await takeUnit({ dropId, now }).catch(async (err: unknown) => {
      await giveBackSlot({ dropId, shopperId });
      throw err;
    });
    if (typeof taken === "string") {
      await giveBackSlot({ dropId, shopperId });
      if (taken === "retry") return "retry";
      throw refusalError(taken);
    }
    tookUnit = true;

    // 5. The hold. A crash before this leaves the unit for the audit to find.
    const createdAt = new Date(now).toISOString();
    const claim: Claim = {
      id: claimId,
      dropId,
      shopperId,
      status: "held",
      createdAt,
      holdExpiresAt: new Date(now + taken.holdSeconds * 1000).toISOString(),
    };
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.claim(claimId),
          ...claim,
          gsi1pk: parents.claimsOf(dropId),
          gsi1sk: `${createdAt}#${claimId}`,
          gsi2pk: parents.shopper(shopperId),
          gsi2sk: `${dropId}#${createdAt}`,
        },
        ConditionExpression: "attribute_not_exists(pk)", // a claim id is used once
      }),
    );
    return { claim, replay: false };
  } finally {
    // A key whose request took no unit is freed, so a retry is judged afresh. Once a unit is
    // taken the key stays, even if the claim write failed: a retry must never take a second one.
    if (keyRef && !tookUnit) await releaseKey(keyRef).catch(() => undefined);
  }
}

/** The shopper holds their limit. With a limit of one, a second click is a replay of the first. */
async function atLimit({ dropId, shopperId, maxPerShopper }: { dropId: string; shopperId: string; maxPerShopper: number }): Promise<ClaimResult | "retry"> {
  const slot = await getSlot({ dropId, shopperId });
  if (!slot || slot.count < maxPerShopper) return "retry";
  if (maxPerShopper > 1 || !slot.lastClaimId) {
    throw new AppError("LIMIT_REACHED", `You already hold the limit of ${maxPerShopper} for this drop.`);
  }
  const lastClaimId = slot.lastClaimId;
  return awaitClaim(lastClaimId, async () => {
    const now = await getSlot({ dropId, shopperId });
    return !now || now.count < maxPerShopper || now.lastClaimId !== lastClaimId;
  });
}

/** Waits for a claim another request of the same shopper is still writing. */
async function awaitClaim(claimId: string, abandoned: () => Promise<boolean>): Promise<ClaimResult | "retry"> {
  for (let waited = 0; waited <= REPLAY_WAIT_MS; waited += REPLAY_POLL_MS) {
    const claim = await getClaim({ id: claimId });
    if (claim) return { claim, replay: true };
    if (await abandoned()) return "retry";
    await new Promise((r) => setTimeout(r, REPLAY_POLL_MS));
  }
  throw busy();
}

function busy() {
  return new AppError("IN_PROGRESS", "Your earlier request for this drop is still being processed.", undefined, { "Retry-After": "1" });
}

export async function getClaim({ id }: { id: string }): Promise<Claim | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.claim(id), ConsistentRead: true }));
  return Item ? toClaim(Item) : undefined;
}

/** A shopper's claims on one drop, oldest first (sparse index: only won claims are in it). */
export async function listShopperClaims({ dropId, shopperId }: { dropId: string; shopperId: string }): Promise<Claim[]> {
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: indexes.byShopper.name,
      KeyConditionExpression: "gsi2pk = :shopper AND begins_with(gsi2sk, :drop)",
      ExpressionAttributeValues: { ":shopper": parents.shopper(shopperId), ":drop": `${dropId}#` },
    }),
  );
  return Items.map(toClaim);
}

function toClaim(item: Record<string, unknown>): Claim {
  const { id, dropId, shopperId, status, createdAt, holdExpiresAt } = item as Claim;
  return { id, dropId, shopperId, status, createdAt, holdExpiresAt };
}
