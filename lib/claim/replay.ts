import "server-only";
import { getClaim, shopperClaimRecords } from "@/lib/claim/reads";
import { claimWrittenHere, type ClaimResult } from "@/lib/claim/in-flight";
import { keyIsReserved, keyReservedAt, type ClaimKey } from "@/lib/claim/idempotency";
import { dropStaleClaims, getSlot, type Slot } from "@/lib/claim/slots";
import { WRITER_DEAD_MS } from "@/lib/db/connect";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Claim } from "@/lib/schemas/claim";
import { timed } from "@/lib/server-timing";
import type { DropRefusal } from "@/lib/stock/refusals";

// The replay rules, in one place: a winner is told they won, never "sold out". A request whose key
// already won gets its claim back (or waits for it while the key's own request is still writing
// it); with a limit of one, a second click finds the shopper's claim through their slot.

const REPLAY_WAIT_MS = 5000;
const REPLAY_POLL_MS = 50;

/** Who is asking, as the claim pipeline knows them. */
export type Asker = { dropId: string; shopperId: string; now: number; key?: ClaimKey };

/**
 * The claim a refused request already won, if any: its key's claim, or (a limit of one, sold out)
 * the one its slot counts. One read of a small cold item, a second only for a winner.
 */
export async function earlierClaim(
  asker: Asker,
  maxPerShopper: number,
  refusal: DropRefusal | undefined,
): Promise<ClaimResult | undefined> {
  if (asker.key) return keyedReplay(asker.key, asker.now);
  if (maxPerShopper !== 1 || refusal !== "SOLD_OUT") return undefined;
  const counted = (await getSlot(asker))?.claims[0];
  const claim = counted ? await getClaim({ id: counted }) : undefined;
  return claim && isLive(claim) && claim.shopperId === asker.shopperId ? { claim, replay: true } : undefined;
}

/**
 * What a key already produced: its claim, or (still being written) the wait for it. The claim and
 * the key are read together: a key still held with no claim yet has one on its way, or none to
 * come once its request frees it. One held past any writer's life (its request crashed, or its
 * claim write failed after the unit) has none to come either.
 */
export async function keyedReplay(key: ClaimKey, now: number): Promise<ClaimResult | undefined> {
  const [claim, heldSince] = await Promise.all([getClaim({ id: key.claimId }), keyReservedAt(key)]);
  if (claim) return { claim, replay: true };
  if (heldSince === undefined || now - heldSince > WRITER_DEAD_MS) return undefined;
  const waited = await awaitKeyedClaim(key);
  return waited === "retry" ? undefined : waited;
}

/** The claim of a key another request holds; "retry" once that request frees it with none. */
export function awaitKeyedClaim(key: ClaimKey): Promise<ClaimResult | "retry"> {
  // A key answers with the claim it produced, even once that claim has ended (released, expired).
  return awaitClaim(key.claimId, async () => !(await keyIsReserved(key)), { endedToo: true });
}

/** The shopper holds their limit. With a limit of one, a second click is a replay of the first. */
export async function atLimit(asker: Asker, maxPerShopper: number): Promise<ClaimResult | "retry"> {
  const slot = await getSlot(asker);
  if (slot && slot.expired >= env().EXPIRED_HOLDS_LIMIT)
    throw new AppError(
      "TOO_MANY_EXPIRED_HOLDS",
      `${slot.expired} of your holds on this drop expired without checkout, so you cannot claim it again.`,
    );
  if (!slot || slot.count < maxPerShopper) return "retry";
  const [counted] = slot.claims;
  if (maxPerShopper > 1 || !counted) {
    if (await freeStrandedSlot(asker, slot)) return "retry";
    throw new AppError("LIMIT_REACHED", `You already hold the limit of ${maxPerShopper} for this drop.`);
  }
  return awaitClaim(counted, async () => {
    const current = await getSlot(asker);
    if (!current?.claims.includes(counted)) return true;
    return freeStrandedSlot(asker, current);
  });
}

/**
 * A slot can count a claim that will never be live: its hold ended but a crash skipped the
 * give-back, or its writer crashed before writing it. The first kind is dropped at once (giving
 * back is idempotent); the second once the slot's last take is older than WRITER_DEAD_MS, when no
 * writer can still be on its way to writing that claim. Conditional on no take since the read.
 * Returns whether it freed anything.
 */
async function freeStrandedSlot({ dropId, shopperId, now }: Asker, slot: Slot): Promise<boolean> {
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

const isLive = (c: Claim) => c.status === "held" || c.status === "confirmed";

/** The shopper's earlier request is still being written: try again shortly. */
export function busy() {
  return new AppError(
    "IN_PROGRESS",
    "Your earlier request for this drop is still being processed.",
    undefined,
    { "Retry-After": "1" },
  );
}
