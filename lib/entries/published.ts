import "server-only";
import { getClaim } from "@/lib/claim/reads";
import { drawRound } from "@/lib/draw/beacon";
import { QUICKNET } from "@/lib/draw/beacon";
import { readDrawCached, type DrawItem } from "@/lib/entries/draw-item";
import { getEntry, pageEntryIds } from "@/lib/entries/entries";
import { liveEntryCount } from "@/lib/entries/entry-count";
import { drawClaimId } from "@/lib/entries/claim-id";
import { rankOf, rankedSlice } from "@/lib/entries/ranking";
import { myEntryAuth } from "@/lib/entries/paid-entry";
import { receiptFor } from "@/lib/entries/receipts";
import { paymentView } from "@/lib/claim/paid-checkout";
import { getPayment } from "@/lib/payments/payments";
import { AppError } from "@/lib/errors";
import type { PublishedDraw } from "@/lib/schemas/draw";
import type { Authorising, MyEntry } from "@/lib/schemas/entry";
import { getLiveState } from "@/lib/claim/live-state";
import { WAITLIST_MS } from "@/lib/entries/sweep-draws";
import type { DropState } from "@/lib/stock/status";

// What a draw drop publishes (docs/draws.md): the draw, its entries, and a shopper's own entry.

/** The drop's state (the ≤ 1 s cache) if it is a published draw drop; 404 / 409 NOT_A_DRAW otherwise. */
export async function drawDrop(dropId: string, now = Date.now()): Promise<DropState> {
  const state = await getLiveState(dropId, now);
  if (!state || state.phase === "draft") throw new AppError("NOT_FOUND", "No such drop.");
  if (state.mode !== "draw") throw new AppError("NOT_A_DRAW", "This drop is first come, first served.");
  return state;
}

async function drawOf(dropId: string, now = Date.now()): Promise<{ state: DropState; draw: DrawItem }> {
  const [state, draw] = await Promise.all([drawDrop(dropId, now), readDrawCached(dropId, now)]);
  if (!draw) throw new AppError("NOT_FOUND", "No such drop.");
  return { state, draw };
}

export async function publishedDraw(dropId: string, now: number): Promise<PublishedDraw> {
  const { state, draw } = await drawOf(dropId);
  const drawn = draw.drawn;
  const beacon =
    draw.beacon === "off"
      ? undefined
      : {
          network: QUICKNET.network,
          round: drawRound(state.endsAt),
          ...(drawn ? { randomness: drawn.randomness, signature: drawn.signature } : {}),
        };
  if (!drawn)
    return {
      status: now < state.endsAt ? "open" : "closed",
      commitment: draw.commitment,
      ...(beacon ? { beacon } : {}),
      entryCount: await liveEntryCount(dropId),
    };
  const winners = await rankedSlice(dropId, 0, Math.min(drawn.units, drawn.entryCount));
  return {
    status: "drawn",
    commitment: draw.commitment,
    ...(beacon ? { beacon } : {}),
    seed: draw.seed,
    entriesHash: drawn.entriesHash,
    entryCount: drawn.entryCount,
    winners: winners.map((w) => w.entryId),
    units: drawn.units,
  };
}

const PAGE = 1000;

/**
 * GET …/draw/entries: the ids after `cursor`, ascending; the last page's nextCursor is null. Only
 * entries made before the close, the set the draw takes (lib/entries/run-draw.ts); `final` once
 * drawn, when the list no longer changes.
 */
export async function drawEntriesPage(dropId: string, cursor: string | undefined, now = Date.now()) {
  const { state, draw } = await drawOf(dropId, now);
  const page = await pageEntryIds({ dropId, after: cursor, limit: PAGE, before: state.endsAt });
  return { page, final: draw.drawn !== undefined };
}

/**
 * GET …/entries/me: the shopper's entry, its receipt, and once drawn what came of it; a paid entry's
 * card too. While the card of a paid entry is being authorised, that instead.
 */
export async function myEntry(
  dropId: string,
  shopperId: string,
  now = Date.now(),
): Promise<MyEntry | Authorising> {
  const { state, draw } = await drawOf(dropId, now);
  let entry = await getEntry(dropId, shopperId);
  if (!entry) {
    const auth = await myEntryAuth(dropId, shopperId);
    if (auth?.state === "authorising")
      return { authorising: true, ...(auth.payment ? { payment: auth.payment } : {}) };
    if (auth?.state === "entered") entry = await getEntry(dropId, shopperId);
    if (!entry)
      throw new AppError(
        "NOT_FOUND",
        auth?.state === "lapsed"
          ? "Your card was not authorised before entries closed: you are not in this draw, and nothing was charged."
          : "You have not entered this draw.",
      );
  }
  const paid = entry.paid && (await getPayment({ claimId: drawClaimId(dropId, entry.id) }));
  const mine = {
    entry: { id: entry.id, dropId, createdAt: entry.createdAt },
    receipt: receiptFor(entry),
    ...(paid ? { payment: paymentView(paid) } : {}),
  };
  if (!draw.drawn) return mine;
  const rank = await rankOf(draw, entry.id);
  if (rank === undefined) return { ...mine, result: "lost" }; // entered after the close
  const offeredTo = Math.max(draw.drawn.units, draw.offeredUpTo);
  if (rank < offeredTo) {
    // A winner whose hold is still being written (a sweeper finishes it) is told they won all the same.
    const claim = await getClaim({ id: drawClaimId(dropId, entry.id) });
    return { ...mine, result: "won", ...(claim ? { claim } : {}) };
  }
  // The sweepers stop a day after the close (lib/entries/sweep-draws.ts): no unit comes down later.
  if (now > state.endsAt + WAITLIST_MS) return { ...mine, result: "lost" };
  return { ...mine, result: "waitlist", waitlistPlace: rank - offeredTo + 1 };
}
