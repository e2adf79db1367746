import "server-only";
import { randomBytes } from "node:crypto";
import { table } from "@/lib/db/client";
import { writeIf } from "@/lib/db/conditional";
import { keys } from "@/lib/db/table";
import { WRITER_DEAD_MS } from "@/lib/db/connect";
import { commitment } from "@/lib/draw/formulas";

// A draw drop's draw item: the secret seed and its commitment from creation; once drawn, the
// result (the beacon's values, the entries' hash and count, the units given) and how far down the
// ranking units have been offered. The seed leaves the server only once the draw is published.

export type BeaconChoice = "quicknet" | "off";

/** How long an offerer's lease lasts without renewal: longer than any write of it can be in flight. */
const LEASE_MS = WRITER_DEAD_MS;

export type DrawItem = {
  dropId: string;
  seed: string;
  commitment: string;
  beacon: BeaconChoice;
  drawn?: {
    randomness: string;
    signature?: string;
    entriesHash: string;
    entryCount: number;
    /** Units the draw gave out: the drop's total stock when it was drawn. */
    units: number;
    /** The (score, id) of each ranking part's first entry (lib/entries/ranking.ts). */
    boundaries: string[];
    drawnAt: number;
  };
  /** Ranks below this have been offered a unit (the winners first, then the waitlist in order). */
  offeredUpTo: number;
  /** Ranks below this, past the winners, have had their card's authorisation released (paid entries). */
  releasedUpTo: number;
};

/**
 * Commits a new draw drop's draw: a fresh seed, kept; its SHA-256 published. Before its stock items.
 * A seed is never replaced; a resend of this Put after a lost answer finds its own seed.
 */
export async function commitDraw({ dropId, beacon }: { dropId: string; beacon: BeaconChoice }) {
  const seed = randomBytes(32).toString("hex");
  const written = await writeIf(
    table.put({
      Item: { ...keys.draw(dropId), dropId, seed, commitment: commitment(seed), beacon, offeredUpTo: 0 },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  if (!written.applied && (await readDraw(dropId, true))?.seed !== seed)
    throw new Error(`Drop ${dropId} already has a draw`);
}

export async function readDraw(dropId: string, consistent = false): Promise<DrawItem | undefined> {
  const { Item } = await table.get({ Key: keys.draw(dropId), ConsistentRead: consistent });
  if (!Item) return undefined;
  return {
    dropId,
    seed: Item.seed as string,
    commitment: Item.commitment as string,
    beacon: Item.beacon === "quicknet" ? "quicknet" : "off",
    offeredUpTo: (Item.offeredUpTo as number | undefined) ?? 0,
    releasedUpTo: (Item.releasedUpTo as number | undefined) ?? 0,
    ...(Item.drawn ? { drawn: Item.drawn as DrawItem["drawn"] } : {}),
  };
}

/**
 * The draw item, read at most once a second per process and drop: every entrant polls their result,
 * and one item must not take every read (a partition serves 3,000 a second).
 */
const drawsRead = new Map<string, { at: number; draw: Promise<DrawItem | undefined> }>();
export function readDrawCached(dropId: string, now: number): Promise<DrawItem | undefined> {
  const seen = drawsRead.get(dropId);
  if (seen && now - seen.at < 1000) return seen.draw;
  const draw = readDraw(dropId);
  drawsRead.set(dropId, { at: now, draw });
  draw.catch(() => drawsRead.delete(dropId)); // never keep a failure
  if (drawsRead.size > 1000) drawsRead.delete(drawsRead.keys().next().value as string);
  return draw;
}

/**
 * Records the result once: a second run (a racing sweeper, a resumed crash) computed the same
 * result from the same frozen entries, and its write is refused harmlessly.
 */
export async function recordDrawn(dropId: string, drawn: NonNullable<DrawItem["drawn"]>): Promise<void> {
  await writeIf(
    table.update({
      Key: keys.draw(dropId),
      UpdateExpression: "SET drawn = :drawn",
      ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(drawn)",
      ExpressionAttributeValues: { ":drawn": drawn },
    }),
  );
  drawsRead.delete(dropId); // this process answers with the result at once
}

/** Moves the offers on from rank `from` to `to`, if nobody moved them since. Safe to resend. */
export async function advanceOffers(dropId: string, from: number, to: number): Promise<void> {
  await writeIf(
    table.update({
      Key: keys.draw(dropId),
      UpdateExpression: "SET offeredUpTo = :to",
      ConditionExpression: "offeredUpTo = :from",
      ExpressionAttributeValues: { ":from": from, ":to": to },
    }),
  );
  drawsRead.delete(dropId);
}

/** Moves the releases' mark forward to `to` (never back). Safe to resend. */
export async function advanceReleases(dropId: string, to: number): Promise<void> {
  await writeIf(
    table.update({
      Key: keys.draw(dropId),
      UpdateExpression: "SET releasedUpTo = :to",
      ConditionExpression:
        "attribute_exists(pk) AND (attribute_not_exists(releasedUpTo) OR releasedUpTo < :to)",
      ExpressionAttributeValues: { ":to": to },
    }),
  );
}

/**
 * The lease on offering a draw's units: one offerer at a time, so two (a sweeper and "Draw now")
 * never take a unit each for the same entry. Held for LEASE_MS from each take or renewal; a crashed
 * offerer's lease runs out. A resend after a lost answer finds its own id on the item.
 */
export async function leaseOffers(dropId: string, leaseId: string, now: number): Promise<boolean> {
  const written = await writeIf(
    table.update({
      Key: keys.draw(dropId),
      UpdateExpression: "SET offerLease = :lease",
      ConditionExpression:
        "attribute_exists(pk) AND (attribute_not_exists(offerLease) OR offerLease.#id = :id OR offerLease.#until < :now)",
      ExpressionAttributeNames: { "#id": "id", "#until": "until" },
      ExpressionAttributeValues: {
        ":lease": { id: leaseId, until: now + LEASE_MS },
        ":id": leaseId,
        ":now": now,
      },
    }),
  );
  if (written.applied) return true;
  const { Item } = await table.get({ Key: keys.draw(dropId), ConsistentRead: true });
  return (Item?.offerLease as { id?: string } | undefined)?.id === leaseId;
}

/** Gives the lease back, if it is still this offerer's. */
export async function endOfferLease(dropId: string, leaseId: string): Promise<void> {
  await writeIf(
    table.update({
      Key: keys.draw(dropId),
      UpdateExpression: "REMOVE offerLease",
      ConditionExpression: "offerLease.#id = :id",
      ExpressionAttributeNames: { "#id": "id" },
      ExpressionAttributeValues: { ":id": leaseId },
    }),
  );
}
