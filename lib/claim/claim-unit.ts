import "server-only";
import { randomBytes } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { getClaim, shopperClaimRecords } from "@/lib/claim/reads";
import { db, tableName } from "@/lib/db/client";
import { claimIndexKeys, keys } from "@/lib/db/table";
import { WRITER_DEAD_MS } from "@/lib/db/connect";
import { isThrottled } from "@/lib/db/write-once";
import { copySettings } from "@/lib/drop/admin-writes";
import { getDropState } from "@/lib/drop/drops";
import { forgetShardStock, getCachedDropState, invalidateDropState, rememberShard } from "@/lib/drop/cache";
import { env } from "@/lib/env";
import { AppError, isClaimRefusal } from "@/lib/errors";
import { faults } from "@/lib/claim/faults";
import { admitTake, type Admission } from "@/lib/claim/take-gate";
import { claimIdForKey, keyIsReserved, keyReservedAt, releaseKey, reserveKey } from "@/lib/claim/idempotency";
import { dropStaleClaims, giveBackSlot, getSlot, takeSlot, type Slot } from "@/lib/claim/slots";
import { announceClaim, claimWrittenHere, oncePerKey } from "@/lib/claim/in-flight";
import { takeUnit } from "@/lib/claim/stock";
import {
  checkSolution,
  expiredChallenge,
  finishSolution,
  spendSolution,
  type Solution,
} from "@/lib/security/pow";
import { refusalError, refusalFor, type DropRefusal } from "@/lib/drop/refusals";
import { shardOrder } from "@/lib/drop/shards";
import { rehearsesOn, type DropState, type ShardStock } from "@/lib/drop/status";
import type { Claim, Rehearsal } from "@/lib/schemas/claim";
import { timed, withholdTiming } from "@/lib/server-timing";

type ClaimInput = { dropId: string; shopperId: string; idempotencyKey?: string; now?: number };
/**
 * What a guest's claim must show before it may write: its address's rate limit, and on a "pow"
 * drop its X-Altcha header. A rehearsal shopper (lib/auth/shopper.ts) shows neither on its own
 * brand's rehearsal drops (the operator's: every brand's); the server's own claims (trustedProof)
 * on none.
 */
export type ClaimProof = {
  header: string | null;
  /**
   * A rehearsal shopper's brand: asked nothing on that brand's rehearsal drops (the race arena's,
   * the CLI's); undefined for a guest.
   */
  rehearsal: Rehearsal | undefined;
  /** The server's own claim (the demo seed, tests): asked nothing on any drop. */
  trusted?: boolean;
  /** Counts the request against its address (429 RATE_LIMITED past the limit). */
  limit?: () => Promise<void>;
  /** Called once a checked solution was spent by this claim (the admin's live view counts it). */
  onSolved?: () => void;
};
export type ClaimResult = { claim: Claim; replay: boolean };
/** For the server's own claims (the demo seed, tests): asked for nothing, on any drop. */
export const trustedProof: ClaimProof = { header: null, rehearsal: "operator", trusted: true };

const REPLAY_WAIT_MS = 5000;
const REPLAY_POLL_MS = 50;

/**
 * Claims one unit of a drop for a shopper. Writes, in order: the shopper's slot (limit), THE
 * conditional stock write on a stock item, then the claim. A refusal gives the slot back. On a
 * "pow" drop a guest's claim first shows a solved challenge (checked by CPU alone), spent with
 * one write of its own before anything else is written.
 */
export async function claimUnit(input: ClaimInput & { proof: ClaimProof }): Promise<ClaimResult> {
  const { dropId, shopperId, idempotencyKey: key } = input;
  const now = input.now ?? Date.now();
  // 1. Cached state (≤ 1 s stale) answers sold-out, ended and not-started without a write.
  //    Paused is left to the write (a resume takes effect at once), but for a guest without a
  //    solution on a "pow" drop: nothing to solve for.
  const cached = await timed("cache", () => getCachedDropState(dropId, now));
  // Timings are for rehearsals only: a rehearsal shopper on its own brand's rehearsal drop.
  if (!rehearsesOn(input.proof.rehearsal, cached)) withholdTiming();
  // A request with the same key already running here answers this one (lib/claim/in-flight.ts).
  const claimId = key === undefined ? undefined : claimIdForKey({ dropId, shopperId, key });
  return oncePerKey(claimId, () => claimFresh({ ...input, now }, cached));
}

async function claimFresh(
  input: ClaimInput & { now: number; proof: ClaimProof },
  cached: DropState | undefined,
): Promise<ClaimResult> {
  const { proof, ...claim } = input;
  const { now } = claim;
  const early = refusalFor(cached, now);
  if (!cached || (early && early !== "PAUSED")) {
    const replay = cached && (await earlierClaim({ ...claim, maxPerShopper: cached.maxPerShopper, early }));
    if (replay) return replay;
    throw refusalError(early ?? "NOT_FOUND");
  }
  // 2. The guest's limit and proof of work: a write on the limit's own item, then CPU alone. A
  //    keyed request they refuse may be a retry of a claim that won (sent before the drop asked
  //    for proof, or whose solution has run out since): it gets its claim, or waits for it.
  let solution: Solution | undefined;
  try {
    // A rehearsal shopper is excused on its own brand's rehearsal drops only (the operator's on
    // every brand's): a race's shoppers never skip the defences of a real drop, nor of another
    // brand's rehearsal. Read from the cached state: no extra read.
    const excused = proof.trusted === true || rehearsesOn(proof.rehearsal, cached);
    if (!excused) await proof.limit?.();
    const asked = cached.botDefence === "pow" && !excused;
    if (asked && !proof.header && early === "PAUSED") throw refusalError("PAUSED");
    const checked = asked ? await checkSolution(proof.header, { ...claim, now }) : undefined;
    if (checked === "expired") throw expiredChallenge();
    solution = checked;
  } catch (err) {
    const replay = err instanceof AppError && claim.idempotencyKey && (await keyedReplay(claim));
    if (replay) return replay;
    throw err;
  }

  // A keyed claim's retries may send the same solution again; an unkeyed request spends it alone.
  const spend = solution && {
    solution,
    usedBy: claim.idempotencyKey
      ? claimIdForKey({ ...claim, key: claim.idempotencyKey })
      : randomBytes(16).toString("base64url"),
    onSolved: proof.onSolved,
    spent: false,
    // A keyed request finishes its solution only once the key is its own: a same-key duplicate
    // on another server must not finish it under the request that holds the key.
    finishable: !claim.idempotencyKey,
  };
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await attemptClaim({ ...claim, now, drop: cached, spend });
      if (result !== "retry") return result;
    }
  } catch (err) {
    // Refused for good after spending it: the solution is done, even for this key.
    if (spend?.spent && spend.finishable && err instanceof AppError && isClaimRefusal(err.code))
      await finishSolution(spend.solution, spend.usedBy).catch(() => undefined);
    throw err;
  }
  throw busy();
}

async function attemptClaim(
  input: Required<Omit<ClaimInput, "idempotencyKey">> & {
    idempotencyKey?: string;
    /** The drop as the cache has it: its limit, hold length and shard count. */
    drop: DropState;
    /** The checked proof of work to spend before anything is written (none: not asked). */
    spend?: {
      solution: Solution;
      usedBy: string;
      onSolved?: () => void;
      spent: boolean;
      finishable: boolean;
    };
  },
): Promise<ClaimResult | "retry"> {
  const { dropId, shopperId, idempotencyKey: key, now, drop, spend } = input;
  const { maxPerShopper } = drop;
  const keyRef = key ? { dropId, shopperId, key } : undefined;
  const claimId = keyRef ? claimIdForKey(keyRef) : randomBytes(16).toString("base64url");

  let reserved = false;
  let tookUnit = false;
  let admission: Admission | undefined;
  let written: ((claim?: Claim) => void) | undefined;
  try {
    // The proof of work, spent once (a keyed retry may spend it again): a reused one takes nothing.
    if (spend) {
      await spendSolution(spend.solution, spend.usedBy);
      spend.spent = true;
      spend.onSolved?.();
      spend.onSolved = undefined; // counted once per request, whatever the retries
    }
    // 3. Admission (lib/claim/take-gate.ts): no more requests here go on to write than the cache
    //    says units are left. The others wait, writing nothing more (not their key either), and
    //    a sell-out answers them.
    admission = await admitTake(dropId);
    if (!admission) return await soldOut({ ...input, maxPerShopper });
    // 4. Idempotency: a key already in use replays (or waits for) the claim it produced. Kept a
    //    week past the drop's end: no claim of it can take a unit after that.
    if (keyRef) {
      reserved = await reserveKey({ ...keyRef, now, keepUntil: drop.endsAt + 7 * 86_400_000 });
      if (spend) spend.finishable = reserved;
      if (!reserved) {
        admission.release(); // the key's own request writes, not this one
        // A key answers with the claim it produced, even once that claim has ended (released, expired).
        return await awaitClaim(claimId, async () => !(await keyIsReserved(keyRef)), { endedToo: true });
      }
    }
    // 5. The shopper's slot: a double click can never take a second unit.
    const maxExpired = env().EXPIRED_HOLDS_LIMIT;
    if (!(await takeSlot({ dropId, shopperId, claimId, max: maxPerShopper, maxExpired }))) {
      admission.release(); // at the limit: no stock write from this request
      return await atLimit({ ...input, maxPerShopper });
    }
    // A double click waiting for this claim (atLimit) learns of it here at once.
    written = announceClaim(claimId);
    // 6. THE write on a stock item; anything but a unit has given the slot back.
    const taken = await takeUnitWithSlot({
      dropId,
      shopperId,
      claimId,
      stockShards: drop.stockShards,
      paused: drop.phase === "paused",
    });
    admission.release(); // the stock write has its answer
    if (taken === "retry") return "retry";
    if (typeof taken === "string") throw refusalError(taken);
    tookUnit = true;
    faults.afterTakeUnit?.();

    // 7. The hold. A crash before this leaves the unit for the audit to find.
    const claim = await putHold({
      claimId,
      dropId,
      shopperId,
      now,
      holdSeconds: drop.holdSeconds,
      shard: taken.shard,
    });
    written(claim);
    return { claim, replay: false };
  } finally {
    written?.();
    admission?.release();
    // A key whose request took no unit is freed, so a retry is judged afresh. Once a unit is
    // taken the key stays, even if the claim write failed: a retry must never take a second one.
    if (keyRef && reserved && !tookUnit) await releaseKey(keyRef).catch(() => undefined);
  }
}

/** Sold out (as the cache now says): a winner's own claim again, or SOLD_OUT. */
async function soldOut(input: ClaimInput & { maxPerShopper: number }): Promise<ClaimResult> {
  const replay = await earlierClaim({ ...input, early: "SOLD_OUT" });
  if (replay) return replay;
  throw refusalError("SOLD_OUT");
}

/**
 * THE write for a shopper who holds a slot, on the first stock shard that has a unit (in an order
 * set by the claim id); with several shards, once fewer writes are in flight here than units are
 * left on it (lib/claim/take-gate.ts): the requests racing for the last units send no writes that
 * must fail. (With one shard the drop's admission before the slot has done that.)
 * SOLD_OUT only once every shard is empty, as far as this process knows (its cache, ≤ 1 s old, and
 * every write's own answer). Every outcome but a unit (a refusal, "retry", an error) gives the slot
 * back, here and once.
 */
async function takeUnitWithSlot({
  dropId,
  shopperId,
  claimId,
  stockShards,
  paused,
}: {
  dropId: string;
  shopperId: string;
  claimId: string;
  stockShards: number;
  /** The cache has the drop paused: ask the drop item alone, whose phase is the one that counts. */
  paused: boolean;
}): Promise<ShardStock | DropRefusal | "retry"> {
  let taken: ShardStock | DropRefusal | "retry" = "SOLD_OUT";
  try {
    faults.beforeTakeUnit?.();
    let throttled: unknown;
    let repaired = false;
    const order = paused ? [0] : shardOrder(claimId, stockShards);
    for (let i = 0; i < order.length; i++) {
      const shard = order[i]!;
      const admission = stockShards === 1 ? { release: () => undefined } : await admitTake(dropId, shard);
      if (!admission) continue; // the cache says this shard is empty
      try {
        // A shard DynamoDB throttles (never applied) is left for the next one, after two tries.
        taken = await takeUnit({ dropId, shard, claimId, throttleAttempts: stockShards > 1 ? 2 : undefined });
      } catch (err) {
        if (stockShards === 1 || !isThrottled(err)) throw err;
        throttled = err;
        continue;
      } finally {
        admission.release();
      }
      if (typeof taken !== "string") {
        rememberShard(dropId, taken); // the freshest figures: the last unit flips the cache to sold out
        return taken;
      }
      if (taken !== "SOLD_OUT") {
        invalidateDropState(dropId); // paused, ended…: learn it afresh
        // A shard's copy of the window and phase may lag the drop item's (a resume being copied,
        // or a copy a crash stopped): the drop item decides. A stale copy is finished, and the
        // shard asked again, once.
        if (shard === 0 || repaired) break;
        repaired = true;
        const head = await getDropState({ id: dropId, consistent: true });
        if (!head || (head.shards?.[shard]?.settingsVersion ?? 0) >= (head.settingsVersion ?? 0)) break;
        await copySettings(head);
        i--;
        continue;
      }
      forgetShardStock(dropId, shard); // the cache let a doomed write through
    }
    if (throttled) throw throttled; // every shard with units was busy: 503, try again
    return taken;
  } finally {
    if (typeof taken === "string") await giveBackSlot({ dropId, shopperId, claimId });
  }
}

/** Writes the won claim as a live hold, with its index keys (lib/db/table.ts) and its shard. */
async function putHold({
  claimId,
  dropId,
  shopperId,
  now,
  holdSeconds,
  shard,
}: {
  claimId: string;
  dropId: string;
  shopperId: string;
  now: number;
  holdSeconds: number;
  shard: number;
}): Promise<Claim> {
  const holdUntil = now + holdSeconds * 1000;
  const claim: Claim = {
    id: claimId,
    dropId,
    shopperId,
    status: "held",
    createdAt: new Date(now).toISOString(),
    holdExpiresAt: new Date(holdUntil).toISOString(),
  };
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        // stockShard: where the unit goes back when the hold ends (lib/claim/holds.ts).
        Item: { ...keys.claim(claimId), ...claim, holdUntil, stockShard: shard, ...claimIndexKeys.of(claim) },
        ConditionExpression: "attribute_not_exists(pk)", // a claim id is used once
      }),
    );
    return claim;
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    // The SDK resent a Put whose answer was lost: the claim is there, written by us.
    const stored = await getClaim({ id: claimId });
    if (stored?.shopperId === shopperId && stored.dropId === dropId) return stored;
    throw err;
  }
}

/**
 * A winner is told they won, never "sold out": a request with a key that already won gets its
 * claim back (or waits for it while the key's own request is still writing it), and with a limit
 * of one, a second click after the sell-out finds the shopper's claim through their slot (one read
 * of a small cold item, a second only for a winner).
 */
async function earlierClaim({
  dropId,
  shopperId,
  idempotencyKey: key,
  maxPerShopper,
  early,
}: ClaimInput & { maxPerShopper: number; early?: DropRefusal }): Promise<ClaimResult | undefined> {
  if (key) return keyedReplay({ dropId, shopperId, idempotencyKey: key });
  if (maxPerShopper !== 1 || early !== "SOLD_OUT") return undefined;
  const counted = (await getSlot({ dropId, shopperId }))?.claims[0];
  const claim = counted ? await getClaim({ id: counted }) : undefined;
  return claim && isLive(claim) && claim.shopperId === shopperId ? { claim, replay: true } : undefined;
}

const isLive = (c: Claim) => c.status === "held" || c.status === "confirmed";

/**
 * What a key already produced: its claim, or (still being written) the wait for it. The claim and
 * the key are read together (one batch): a key still held with no claim yet has one on its way, or
 * none to come once its request frees it. One held past any writer's life (its request crashed,
 * or its claim write failed after the unit) has none to come either.
 */
async function keyedReplay(input: ClaimInput): Promise<ClaimResult | undefined> {
  const keyRef = { ...input, key: input.idempotencyKey! };
  const claimId = claimIdForKey(keyRef);
  const [claim, heldSince] = await Promise.all([getClaim({ id: claimId }), keyReservedAt(keyRef)]);
  if (claim) return { claim, replay: true };
  if (heldSince === undefined || (input.now ?? Date.now()) - heldSince > WRITER_DEAD_MS) return undefined;
  const waited = await awaitClaim(claimId, async () => !(await keyIsReserved(keyRef)), { endedToo: true });
  return waited === "retry" ? undefined : waited;
}

/** The shopper holds their limit. With a limit of one, a second click is a replay of the first. */
async function atLimit({
  dropId,
  shopperId,
  maxPerShopper,
  now,
}: {
  dropId: string;
  shopperId: string;
  maxPerShopper: number;
  now: number;
}): Promise<ClaimResult | "retry"> {
  const slot = await getSlot({ dropId, shopperId });
  if (slot && slot.expired >= env().EXPIRED_HOLDS_LIMIT)
    throw new AppError(
      "TOO_MANY_EXPIRED_HOLDS",
      `${slot.expired} of your holds on this drop expired without checkout, so you cannot claim it again.`,
    );
  if (!slot || slot.count < maxPerShopper) return "retry";
  const [counted] = slot.claims;
  if (maxPerShopper > 1 || !counted) {
    if (await freeStrandedSlot({ dropId, shopperId, slot, now })) return "retry";
    throw new AppError("LIMIT_REACHED", `You already hold the limit of ${maxPerShopper} for this drop.`);
  }
  return awaitClaim(counted, async () => {
    const current = await getSlot({ dropId, shopperId });
    if (!current?.claims.includes(counted)) return true;
    return freeStrandedSlot({ dropId, shopperId, slot: current, now });
  });
}

/**
 * A slot can count a claim that will never be live: its hold ended but a crash skipped the
 * give-back, or its writer crashed before writing it. The first kind is dropped at once (giving
 * back is idempotent); the second once the slot's last take is older than WRITER_DEAD_MS, when no
 * writer can still be on its way to writing that claim. Conditional on no take since the read.
 * Returns whether it freed anything.
 */
async function freeStrandedSlot({
  dropId,
  shopperId,
  slot,
  now,
}: {
  dropId: string;
  shopperId: string;
  slot: Slot;
  now: number;
}): Promise<boolean> {
  const { takenAt } = slot;
  if (takenAt === undefined) return false;
  const records = new Map((await shopperClaimRecords({ dropId, shopperId })).map((c) => [c.id, c]));
  const writersDead = now - takenAt > WRITER_DEAD_MS;
  const stale = slot.claims.filter((id) => {
    const claim = records.get(id);
    return claim ? !isLive(claim) : writersDead;
  });
  return stale.length > 0 && dropStaleClaims({ dropId, shopperId, stale, takenAt });
}

/** Waits for a claim another request of the same shopper is still writing. */
function awaitClaim(
  claimId: string,
  abandoned: () => Promise<boolean>,
  { endedToo = false } = {},
): Promise<ClaimResult | "retry"> {
  return timed("replay", async () => {
    const here = await claimWrittenHere(claimId); // being written by this process: no polling
    if (here && (endedToo || isLive(here))) return { claim: here, replay: true };
    for (let waited = 0; waited <= REPLAY_WAIT_MS; waited += REPLAY_POLL_MS) {
      const claim = await getClaim({ id: claimId });
      if (claim && (endedToo || isLive(claim))) return { claim, replay: true };
      if (await abandoned()) return "retry";
      await new Promise((r) => setTimeout(r, REPLAY_POLL_MS));
    }
    throw busy();
  });
}

function busy() {
  return new AppError(
    "IN_PROGRESS",
    "Your earlier request for this drop is still being processed.",
    undefined,
    { "Retry-After": "1" },
  );
}
