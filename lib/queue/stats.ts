import "server-only";
import { queryAll } from "@/lib/db/client";
import { listQuery, lists } from "@/lib/db/lists";
import { admittedAmong } from "@/lib/queue/admission";
import { passExpiresAt } from "@/lib/queue/admission-state";
import { roomOf } from "@/lib/queue/join";
import { admissionsOf, lineLength, lineOf, segmentsOf, shoppersInOrder } from "@/lib/queue/line";
import type { QueueStats } from "@/lib/schemas/queue";

// The admin's view of a drop's line (its live view polls it): from this server's copy of the line,
// and the drop's claimers read at most every CLAIMERS_MS per server (a pass is "used" once its
// shopper holds a claim on the drop).

const CLAIMERS_MS = 5000;
const claimers = new Map<string, { at: number; ids: Promise<Set<string>> }>();

function claimersOf(dropId: string, now: number): Promise<Set<string>> {
  const seen = claimers.get(dropId);
  if (seen && now - seen.at < CLAIMERS_MS) return seen.ids;
  const ids = queryAll({ ...listQuery(lists.claimsOf(dropId)), ProjectionExpression: "shopperId" }).then(
    (items) => new Set(items.map((i) => i.shopperId as string)),
  );
  claimers.set(dropId, { at: now, ids });
  ids.catch(() => claimers.delete(dropId));
  if (claimers.size > 100) claimers.delete(claimers.keys().next().value as string);
  return ids;
}

export async function queueStats(dropId: string, now = Date.now()): Promise<QueueStats> {
  const { room, lineDrop } = await roomOf(dropId, now, true);
  const line = await lineOf(lineDrop, now);
  const segments = segmentsOf(line, room.admitPerMinute);
  const times = admissionsOf(line, segments);
  const joined = lineLength(line);
  const admitted = admittedAmong(times, times.length, now);
  const claimed = await claimersOf(dropId, now);
  // Passes run out in admission order (a later turn's never before an earlier one's): the first
  // `ranOut` admitted places' passes have, found by bisection.
  const expiry = (i: number) => passExpiresAt(segments, times[i]!, room.passMinutes, now);
  let ranOut = 0;
  for (let hi = admitted; ranOut < hi;) {
    const mid = (ranOut + hi) >> 1;
    if (expiry(mid) <= now) ranOut = mid + 1;
    else hi = mid;
  }
  let used = 0;
  let unused = 0;
  shoppersInOrder(line)
    .slice(0, admitted)
    .forEach((shopperId, i) => {
      if (claimed.has(shopperId)) used++;
      else if (i < ranOut) unused++;
    });
  // A change takes effect CHANGE_LEAD_MS after it is made: the view shows what is in effect, and
  // what is to come.
  const current = segments.findLast((seg) => seg.at <= now)!; // the first is from 0
  return {
    joined,
    waiting: joined - admitted,
    admitted,
    passesUsed: used,
    passesUnused: unused,
    admitPerMinute: current.rate,
    paused: current.paused,
    changes: segments
      .filter((seg) => seg.at > now)
      .map((seg) => ({ admitPerMinute: seg.rate, paused: seg.paused, at: new Date(seg.at).toISOString() })),
    drawn: line.drawn !== undefined,
  };
}
