import "server-only";
import { table } from "@/lib/db/client";
import { listQuery, lists, queueSortKey, startAfter } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import { admissionTimes, initialSegments, type Segment } from "@/lib/queue/admission";
import { readSegments } from "@/lib/queue/admission-state";
import { orderPrequeue } from "@/lib/queue/order";
import { prequeueRandomness } from "@/lib/queue/randomness";
import { readQueueSeed } from "@/lib/queue/seed";
import { openAtOf, SETTLE_MS } from "@/lib/queue/settle";
import { PARTS } from "@/lib/queue/tickets";

// Each server's copy of a drop's line, built incrementally: at most once a second it reads, from
// each of the 16 parts, the tickets that joined since its last read and before `now − SETTLE_MS`
// (by then every ticket that joined before has landed, or never will: joins are sent once), and
// the admission record. Every server reads the same settled tickets, so every server computes the
// same line: the pre-queue in its drawn order, then later joiners by "<joinedAt>#<ticketId>".

const REFRESH_MS = 1000;

type Placed = { ticketId: string; joinedAt: number; pre: boolean; index: number };

export type Line = {
  dropId: string;
  startsAt: number;
  /** The pre-queue's tickets as read (ticket id → shopper), before its order is drawn. */
  pre: Map<string, string>;
  /** Once drawn: the pre-queue's ticket ids in order, and what the proof publishes with them. */
  drawn?: { order: string[]; ticketsHash: string; randomness: string; round?: number };
  /** Later joiners' ticket ids, in order of arrival, and when each joined (epoch ms). */
  later: string[];
  laterJoinedAt: number[];
  /** Each settled shopper's place: in the pre-queue (index once drawn) or among later joiners. */
  byShopper: Map<string, Placed>;
  /** Per part, the last ticket read: the next read starts after it. */
  cursors: ({ shopperId: string; sortKey: string } | undefined)[];
  segments?: Segment[];
  /** Each place's admission time, for the segments they were computed with (lib/queue/admission.ts). */
  admissions?: { segments: string; times: (number | undefined)[] };
};

const lines = new Map<string, { line: Line; at: number; refresh: Promise<Line> }>();

/**
 * The drop's line as of the last refresh, refreshed first when it is older than a second (one
 * coalesced refresh per drop per server, whatever the number of pollers).
 */
export function lineOf(
  drop: { id: string; startsAt: number; admitPerMinute: number },
  now: number,
): Promise<Line> {
  let entry = lines.get(drop.id);
  if (entry && entry.line.startsAt !== drop.startsAt) entry = undefined; // rescheduled: read afresh
  if (entry && now - entry.at < REFRESH_MS) return entry.refresh;
  const line = entry?.line ?? newLine(drop.id, drop.startsAt);
  const refresh = (entry?.refresh ?? Promise.resolve(line))
    .catch(() => line)
    .then(() => refreshLine(line, now));
  const next = { line, at: now, refresh };
  lines.set(drop.id, next);
  refresh.catch(() => lines.get(drop.id) === next && lines.set(drop.id, { ...next, at: 0 })); // retry next poll
  if (lines.size > 100) lines.delete(lines.keys().next().value as string);
  return refresh;
}

/** Test-only: forget every line (a fresh server, or one restarted). */
export const forgetLines = () => lines.clear();

const newLine = (dropId: string, startsAt: number): Line => ({
  dropId,
  startsAt,
  pre: new Map(),
  later: [],
  laterJoinedAt: [],
  byShopper: new Map(),
  cursors: Array.from({ length: PARTS }, () => undefined),
});

async function refreshLine(line: Line, now: number): Promise<Line> {
  const bound = new Date(now - SETTLE_MS).toISOString();
  const [batches, segments] = await Promise.all([
    Promise.all(Array.from({ length: PARTS }, (_, part) => readPart(line, part, bound))),
    readSegments(line.dropId),
  ]);
  // Applied only once every part answered: a failed refresh moves no cursor, and the next one reads it all.
  batches.forEach((b, part) => (line.cursors[part] = b.cursor));
  line.segments = segments;
  // Everything below the bound is now read, so this batch follows everything read before it.
  const batch = batches
    .flatMap((b) => b.reads)
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  for (const t of batch) {
    if (line.byShopper.has(t.shopperId)) continue;
    const joinedAt = Date.parse(t.joinedAt);
    const pre = joinedAt < line.startsAt;
    if (pre) line.pre.set(t.ticketId, t.shopperId);
    else {
      line.later.push(t.ticketId);
      line.laterJoinedAt.push(joinedAt);
    }
    line.byShopper.set(t.shopperId, {
      ticketId: t.ticketId,
      joinedAt,
      pre,
      index: pre ? -1 : line.later.length - 1,
    });
  }
  if (!line.drawn && now >= openAtOf(line.startsAt)) await drawPrequeue(line);
  return line;
}

type Read = { shopperId: string; ticketId: string; joinedAt: string; sortKey: string };

type PartRead = { reads: Read[]; cursor: Line["cursors"][number] };

async function readPart(line: Line, part: number, bound: string): Promise<PartRead> {
  const l = lists.queueOf(line.dropId, part);
  const out: Read[] = [];
  let cursor = line.cursors[part];
  // Read past this bound already (a refresh with an older clock): nothing new, and no query whose
  // start lies outside its range (DynamoDB refuses one).
  if (cursor && cursor.sortKey >= bound) return { reads: out, cursor };
  let start: Record<string, unknown> | undefined = cursor
    ? startAfter(l, keys.queueTicket(line.dropId, cursor.shopperId), cursor.sortKey)
    : undefined;
  do {
    const page = await table.query({
      ...listQuery(l, { op: "<", sortKey: bound }),
      ProjectionExpression: "shopperId, ticketId, joinedAt",
      ExclusiveStartKey: start,
    });
    for (const item of page.Items ?? []) {
      const read = {
        shopperId: item.shopperId as string,
        ticketId: item.ticketId as string,
        joinedAt: item.joinedAt as string,
        sortKey: queueSortKey(item.joinedAt as string, item.ticketId as string),
      };
      out.push(read);
      cursor = { shopperId: read.shopperId, sortKey: read.sortKey };
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { reads: out, cursor };
}

/** Orders the pre-queue once: its tickets are all in, and the seed and the randomness are known. */
async function drawPrequeue(line: Line): Promise<void> {
  const seed = await readQueueSeed(line.dropId);
  if (!seed) throw new Error(`Drop ${line.dropId} has a waiting room but no committed seed`);
  const beacon = await prequeueRandomness(seed.beacon, line.startsAt);
  if (!beacon) return; // the round is not out yet: next refresh
  const { order, ticketsHash } = orderPrequeue({
    seed: seed.seed,
    randomness: beacon.randomness,
    ticketIds: [...line.pre.keys()],
  });
  order.forEach((ticketId, index) => {
    line.byShopper.get(line.pre.get(ticketId)!)!.index = index;
  });
  line.drawn = { order, ticketsHash, randomness: beacon.randomness, round: beacon.round };
}

/** A settled shopper's 1-based place, once the pre-queue is drawn; undefined before. */
export function placeOf(line: Line, shopperId: string): { position: number; joinedAt: number } | undefined {
  const placed = line.byShopper.get(shopperId);
  if (!placed || !line.drawn) return undefined;
  const position = placed.pre ? placed.index + 1 : line.drawn.order.length + placed.index + 1;
  return { position, joinedAt: placed.joinedAt };
}

export const lineLength = (line: Line) => line.pre.size + line.later.length;

/** The admission record as last read, or the configured rate's when no admin changed it. */
export const segmentsOf = (line: Line, admitPerMinute: number) =>
  line.segments ?? initialSegments(admitPerMinute);

/**
 * Every place's admission time, in order: computed once per change of the admission record, and
 * extended as the line grows (places only ever join at its end). The pre-queue is ready at the
 * opening; a later joiner once settled (in every server's line).
 */
export function admissionsOf(line: Line, segments: Segment[]): (number | undefined)[] {
  if (!line.drawn) return [];
  const key = JSON.stringify(segments);
  if (line.admissions?.segments !== key) line.admissions = { segments: key, times: [] };
  const openAt = openAtOf(line.startsAt);
  const pre = line.drawn.order.length;
  // Only the places added since the last call are computed (the pre-queue is ready at the opening).
  const readyAt = (place: number) => (place < pre ? openAt : line.laterJoinedAt[place - pre]! + SETTLE_MS);
  return admissionTimes(segments, openAt, { count: pre + line.later.length, readyAt }, line.admissions.times);
}

/** The settled shoppers in the line's order (once the pre-queue is drawn; before, none). */
export function shoppersInOrder(line: Line): string[] {
  if (!line.drawn) return [];
  const byTicket = new Map([...line.byShopper].map(([shopperId, p]) => [p.ticketId, shopperId]));
  return [...line.drawn.order, ...line.later].map((ticketId) => byTicket.get(ticketId)!);
}
