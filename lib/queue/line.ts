import "server-only";
import { table } from "@/lib/db/client";
import { listQuery, lists, queueSortKey, startAfter } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import { orderPrequeue } from "@/lib/draw/prequeue";
import { admissionTimes, initialSegments, type Segment } from "@/lib/queue/admission";
import { readSegments } from "@/lib/queue/admission-state";
import { prequeueRandomness, type PrequeueRandomness } from "@/lib/queue/randomness";
import { readQueueSeed } from "@/lib/queue/seed";
import { CYCLE_MS, openAtOf, PLACED_MS, SETTLE_MS } from "@/lib/queue/settle";
import { PARTS } from "@/lib/queue/tickets";

// Each server's copy of a drop's line, built incrementally. A refresh (at most once a second per
// drop and server, whatever the number of pollers) reads, from the parts whose turn it is (each is
// read again CYCLE_MS after its last read), the tickets that joined since and before
// `now − SETTLE_MS` (by then every ticket that joined before has landed, or never will: joins are
// sent once). A ticket is placed once every part is read past it, so every server places the same
// settled tickets in the same order: the pre-queue in its drawn order, then later joiners by
// "<joinedAt>#<ticketId>". The admission record is read again when the drop's cached state shows a
// change (its rate, its phase, its settings version), every 5 s while the two disagree (a pause is
// written on the drop first), and once a minute.

const REFRESH_MS = 1000;
/** The admission record is read at least this often (a rate changed and changed back shows nowhere else). */
const SEGMENTS_MS = 60_000;
/** …and this often while it disagrees with the drop (a change half written, or still being written). */
const DISAGREE_MS = 5000;

type Placed = { ticketId: string; joinedAt: number; pre: boolean; index: number };

/** What a refresh needs of the drop, from its cached state (`version`: its settings version). */
export type LineDrop = {
  id: string;
  startsAt: number;
  admitPerMinute: number;
  paused: boolean;
  version?: number;
};

export type Line = {
  dropId: string;
  startsAt: number;
  /** The pre-queue's tickets as read (ticket id → shopper), before its order is drawn. */
  pre: Map<string, string>;
  /** Once drawn: the pre-queue's ticket ids in order, and what the proof publishes with them. */
  drawn?: { order: string[]; ticketsHash: string } & PrequeueRandomness;
  /** Later joiners' ticket ids, in order of arrival, and when each joined (epoch ms). */
  later: string[];
  laterJoinedAt: number[];
  /** Each placed shopper's place: in the pre-queue (index once drawn) or among later joiners. */
  byShopper: Map<string, Placed>;
  /** Tickets read but not placed yet (some part is not read past them), by shopper. */
  unplaced: Map<string, Read>;
  /** Per part, the last ticket read (the next read starts after it), the bound it was read to, and when. */
  parts: { cursor?: { shopperId: string; sortKey: string }; bound?: string; readAt: number }[];
  segments?: Segment[];
  segmentsAt: number;
  /** The drop's rate, phase and settings version when the record was last read. */
  segmentsSeen?: string;
  /** Each place's admission time, for the segments they were computed with (lib/queue/admission.ts). */
  admissions?: { segments: string; times: (number | undefined)[] };
};

const lines = new Map<string, { line: Line; at: number; refresh: Promise<Line> }>();

/**
 * The drop's line as of the last refresh, refreshed first when it is older than a second (one
 * coalesced refresh per drop per server, whatever the number of pollers).
 */
export function lineOf(drop: LineDrop, now: number): Promise<Line> {
  let entry = lines.get(drop.id);
  if (entry && entry.line.startsAt !== drop.startsAt) entry = undefined; // rescheduled: read afresh
  if (entry && now - entry.at < REFRESH_MS) return entry.refresh;
  const line = entry?.line ?? newLine(drop.id, drop.startsAt);
  const refresh = (entry?.refresh ?? Promise.resolve(line))
    .catch(() => line)
    .then(() => refreshLine(line, drop, now));
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
  unplaced: new Map(),
  // A new line reads every part at once, then each in turn: spread as if read 1/PARTS of a cycle apart.
  parts: Array.from({ length: PARTS }, () => ({ readAt: -Infinity })),
  segmentsAt: -Infinity,
});

/** The parts whose turn it is: due again, never read, or (at the opening) not read past the start. */
function dueParts(line: Line, now: number): number[] {
  const opening = !line.drawn && now >= openAtOf(line.startsAt);
  const startIso = new Date(line.startsAt).toISOString();
  return line.parts.flatMap((p, i) =>
    now - p.readAt >= CYCLE_MS - REFRESH_MS || (opening && (!p.bound || p.bound < startIso)) ? [i] : [],
  );
}

const seenOf = (drop: LineDrop) => `${drop.admitPerMinute}:${drop.paused}:${drop.version ?? 0}`;

/** The record's last segment says what the drop's cached state says. */
const segmentsAgree = (segments: Segment[] | undefined, drop: LineDrop) => {
  const last = segments?.at(-1);
  return last?.rate === drop.admitPerMinute && last.paused === drop.paused;
};

/**
 * This server's copy of the admission record says what the drop says: false while a change the
 * drop shows (a pause, a new rate) has not been read yet, and this server's turns may be stale.
 */
export const recordAgrees = (line: Line, drop: LineDrop) =>
  segmentsAgree(line.segments ?? initialSegments(drop.admitPerMinute), drop);

async function refreshLine(line: Line, drop: LineDrop, now: number): Promise<Line> {
  const bound = new Date(now - SETTLE_MS).toISOString();
  const due = dueParts(line, now);
  const readSegmentsNow =
    line.segmentsSeen !== seenOf(drop) || // a change since the last read (a pause and resume bump the version)
    now - line.segmentsAt >= SEGMENTS_MS ||
    (!segmentsAgree(line.segments, drop) && now - line.segmentsAt >= DISAGREE_MS);
  const [batches, segments] = await Promise.all([
    Promise.all(due.map((part) => readPart(line, part, bound))),
    readSegmentsNow ? readSegments(line.dropId) : line.segments,
  ]);
  // Applied only once every due part answered: a failed refresh moves no cursor, and the next one reads them again.
  const first = line.parts.every((p) => p.readAt === -Infinity);
  due.forEach((part, i) => {
    const stagger = first ? (part * CYCLE_MS) / PARTS : 0;
    line.parts[part] = { cursor: batches[i]!.cursor, bound: batches[i]!.bound, readAt: now - stagger };
  });
  if (readSegmentsNow) {
    // No record: nobody changed the rate, so it is the drop's as read now (a change writes a record first).
    line.segments = segments ?? initialSegments(drop.admitPerMinute);
    line.segmentsAt = now;
    line.segmentsSeen = seenOf(drop);
  }
  for (const t of batches.flatMap((b) => b.reads))
    if (!line.byShopper.has(t.shopperId)) line.unplaced.set(t.shopperId, t);
  placeUpTo(line, completeTo(line));
  if (!line.drawn && now >= openAtOf(line.startsAt)) await drawPrequeue(line);
  return line;
}

/** Every ticket before this sort key is read: the lowest bound any part was read to. */
function completeTo(line: Line): string | undefined {
  let low: string | undefined;
  for (const { bound } of line.parts) {
    if (!bound) return undefined;
    if (low === undefined || bound < low) low = bound;
  }
  return low;
}

/** Places, in order, the tickets read that every part is read past. */
function placeUpTo(line: Line, complete: string | undefined): void {
  if (!complete) return;
  const ready = [...line.unplaced.values()]
    .filter((t) => t.sortKey < complete)
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  for (const t of ready) {
    line.unplaced.delete(t.shopperId);
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
}

type Read = { shopperId: string; ticketId: string; joinedAt: string; sortKey: string };

type PartRead = { reads: Read[]; cursor: Line["parts"][number]["cursor"]; bound: string };

async function readPart(line: Line, part: number, bound: string): Promise<PartRead> {
  const l = lists.queueOf(line.dropId, part);
  const out: Read[] = [];
  const { cursor: last, bound: readTo } = line.parts[part]!;
  let cursor = last;
  // Read past this bound already (a refresh with an older clock): nothing new, and no query whose
  // start lies outside its range (DynamoDB refuses one).
  if (readTo && readTo >= bound) return { reads: out, cursor, bound: readTo };
  if (cursor && cursor.sortKey >= bound) return { reads: out, cursor, bound: readTo ?? bound };
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
  return { reads: out, cursor, bound };
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
  line.drawn = { order, ticketsHash, ...beacon };
}

/** A placed shopper's 1-based place, once the pre-queue is drawn; undefined before. */
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
 * opening; a later joiner once placed in every server's line (PLACED_MS after joining).
 */
export function admissionsOf(line: Line, segments: Segment[]): (number | undefined)[] {
  if (!line.drawn) return [];
  const key = JSON.stringify(segments);
  if (line.admissions?.segments !== key) line.admissions = { segments: key, times: [] };
  const openAt = openAtOf(line.startsAt);
  const pre = line.drawn.order.length;
  // Only the places added since the last call are computed (the pre-queue is ready at the opening).
  const readyAt = (place: number) => (place < pre ? openAt : line.laterJoinedAt[place - pre]! + PLACED_MS);
  return admissionTimes(segments, openAt, { count: pre + line.later.length, readyAt }, line.admissions.times);
}

/** The placed shoppers in the line's order (once the pre-queue is drawn; before, none). */
export function shoppersInOrder(line: Line): string[] {
  if (!line.drawn) return [];
  const byTicket = new Map([...line.byShopper].map(([shopperId, p]) => [p.ticketId, shopperId]));
  return [...line.drawn.order, ...line.later].map((ticketId) => byTicket.get(ticketId)!);
}
