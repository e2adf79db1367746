import "server-only";
import { table } from "@/lib/db/client";
import { writeIf } from "@/lib/db/conditional";
import { AppError } from "@/lib/errors";
import { keys } from "@/lib/db/table";
import { changes, initialSegments, passExpiry, type Segment } from "@/lib/queue/admission";
import { TURN_AHEAD_MS } from "@/lib/schemas/queue";

// QUEUESTATE#<dropId>: the admins' record of a line's admission rate, its changes and pauses, as
// segments (lib/queue/admission.ts). Written by admin actions only, one conditional write each;
// read by each server's line when the drop's cached state shows a change (lib/queue/line.ts).
// Absent: the configured rate.

/**
 * How long after it is made a change of rate or a pause takes effect: the passes handed out ahead
 * (TURN_AHEAD_MS before their turns, lib/queue/my-place.ts), and the time every server's line takes
 * to read the change once the drop shows it (its ≤ 1 s cache and ≤ 1 s refresh, with room to spare).
 */
export const CHANGE_LEAD_MS = TURN_AHEAD_MS + 5000;

/**
 * When the pass for a turn at `admittedAt` runs out, as known at `now` (lib/queue/admission.ts
 * passExpiry). While admission is paused for good, as if a resume recorded now took effect, rounded
 * up to the minute: every answer in that minute, on every server, carries the same pass.
 */
export const passExpiresAt = (segments: Segment[], admittedAt: number, passMinutes: number, now: number) =>
  passExpiry(segments, admittedAt, passMinutes * 60_000, Math.ceil((now + CHANGE_LEAD_MS) / 60_000) * 60_000);

/** A change past this many is refused: each is a few bytes, and the item stays far below 400 KB. */
const MAX_SEGMENTS = 1000;

export async function readSegments(dropId: string, consistent = false): Promise<Segment[] | undefined> {
  const { Item } = await table.get({ Key: keys.queueState(dropId), ConsistentRead: consistent });
  return Item ? (Item.segments as Segment[]) : undefined;
}

/**
 * Records a new rate or a pause or resume, from CHANGE_LEAD_MS after `now` on: the passes handed out
 * ahead of their turns (lib/queue/my-place.ts) stay right, and no server contradicts one. Nothing
 * is written when it changes nothing (the same change twice, or a resend after a lost answer finds
 * its own segment last), so it is safe to repeat; the write is conditional on the record being as
 * read, so two admins never lose one's change.
 */
export async function recordAdmission({
  dropId,
  now,
  change,
  configuredRate,
}: {
  dropId: string;
  now: number;
  change: Partial<Pick<Segment, "rate" | "paused">>;
  /** The room's rate before this change, for a record written the first time. */
  configuredRate: number;
}): Promise<Segment[]> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await readSegments(dropId, true);
    const segments = stored ?? initialSegments(configuredRate);
    const last = segments.at(-1)!;
    const next: Segment = {
      at: Math.max(now + CHANGE_LEAD_MS, last.at), // in order, whatever the servers' clocks
      rate: change.rate ?? last.rate,
      paused: change.paused ?? last.paused,
    };
    if (!changes(last, next)) return segments;
    if (segments.length >= MAX_SEGMENTS)
      throw new AppError(
        "IN_PROGRESS",
        "This line's admission has been changed too often; leave its rate as it is.",
      );
    const written = await writeIf(
      table.put({
        Item: { ...keys.queueState(dropId), dropId, segments: [...segments, next] },
        ConditionExpression: stored ? "size(#segments) = :n" : "attribute_not_exists(pk)",
        ...(stored
          ? {
              ExpressionAttributeNames: { "#segments": "segments" },
              ExpressionAttributeValues: { ":n": stored.length },
            }
          : {}),
      }),
    );
    if (written.applied) return [...segments, next];
    // Another admin's change (or this one's own, resent by the SDK): read again and judge afresh.
  }
  throw new Error(`Drop ${dropId}'s admission record kept changing under this write`);
}
