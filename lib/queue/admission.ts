// Admission as a pure function of time: the admins' record of the rate (its changes and pauses,
// lib/queue/admission-state.ts) says how many places are admitted at any instant, so every server
// computes the same admissions and passes with no write, and a crash loses nothing. Integer
// arithmetic in "place-milliseconds per minute": exact, whatever the number of changes. Pure.

/** From `at` on (until the next segment), `rate` places a minute, or none while `paused`. */
export type Segment = { at: number; rate: number; paused: boolean };

const MINUTE = 60_000;

/** The record of a room nobody changed: its configured rate from the start. */
export const initialSegments = (rate: number): Segment[] => [{ at: 0, rate, paused: false }];

/** What a segment's time is worth: places (rate × ms) for admission, plain ms for a pass. */
type Weight = (seg: Segment) => number;
const byRate: Weight = (seg) => seg.rate;
const byTime: Weight = () => 1;

/** Σ weight × milliseconds not paused from `start` to `t`. */
function accrued(segments: readonly Segment[], start: number, t: number, weight: Weight): number {
  let sum = 0;
  segments.forEach((seg, i) => {
    const from = Math.max(seg.at, start);
    const to = Math.min(segments[i + 1]?.at ?? Infinity, t);
    if (!seg.paused && to > from) sum += weight(seg) * (to - from);
  });
  return sum;
}

/** The first instant `accrued` from `start` reaches `need`; undefined while paused for good. */
function reaches(
  segments: readonly Segment[],
  start: number,
  need: number,
  weight: Weight,
): number | undefined {
  let sum = 0;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const from = Math.max(seg.at, start);
    const to = segments[i + 1]?.at ?? Infinity;
    if (seg.paused || to <= from) continue;
    const w = weight(seg);
    if (sum + w * (to - from) >= need) return from + Math.ceil((need - sum) / w);
    sum += w * (to - from);
  }
  return undefined;
}

/** rate × milliseconds admitted by `t`, counted from `openAt` (nobody is admitted before it). */
const creditAt = (segments: readonly Segment[], openAt: number, t: number) =>
  accrued(segments, openAt, t, byRate);

/** Places admitted by `t` (uncapped: a place is admitted once it is also in the line). */
export const admittedBy = (segments: readonly Segment[], openAt: number, t: number): number =>
  Math.floor(creditAt(segments, openAt, t) / MINUTE);

/** The first instant the credit reaches `need` (rate × ms); undefined while paused for good. */
const timeOfCredit = (segments: readonly Segment[], openAt: number, need: number) =>
  reaches(segments, openAt, need, byRate);

/**
 * The first instant `admittedBy` reaches `position` (1-based) on a line that was never empty;
 * undefined while paused for good.
 */
export const admissionTime = (segments: readonly Segment[], openAt: number, position: number) =>
  timeOfCredit(segments, openAt, position * MINUTE);

/**
 * Each place's admission time, in the line's order: one place per 1/rate after the one before it,
 * and never before the place is ready (`readies`: in every server's line), nor while paused. So a
 * rate that went unused while the line was empty is never spent at once on whoever comes next: the
 * line moves at the rate, always. Monotone, so places are admitted in order. Extends `times` (the
 * first places', computed before with the same segments) to `places.count` (0-based `readyAt`), in
 * time proportional to the new places only; undefined from the first place a pause for good never
 * admits.
 */
export function admissionTimes(
  segments: readonly Segment[],
  openAt: number,
  places: { count: number; readyAt: (place: number) => number },
  times: (number | undefined)[] = [],
): (number | undefined)[] {
  for (let p = times.length; p < places.count; p++) {
    const previous = p === 0 ? openAt : times[p - 1];
    if (previous === undefined) {
      times.push(undefined);
      continue;
    }
    const ready = Math.max(places.readyAt(p), openAt);
    // A place's worth of credit after the previous admission, and some credit after it is ready.
    const need = Math.max(
      (p === 0 ? 0 : creditAt(segments, openAt, previous)) + MINUTE,
      creditAt(segments, openAt, ready) + 1,
    );
    times.push(timeOfCredit(segments, openAt, need));
  }
  return times;
}

/** How many of the first `places` admission times (`times`, monotone) have come by `now`. */
export function admittedAmong(times: readonly (number | undefined)[], places: number, now: number): number {
  let lo = 0;
  let hi = Math.min(places, times.length);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const t = times[mid];
    if (t !== undefined && t <= now) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * When a pass for a turn at `admittedAt`, good for `passMs`, runs out. Its clock stops while
 * admission is paused (a paused drop takes no claim), so a pause never burns a turn. The record
 * pauses admission CHANGE_LEAD_MS after the drop and resumes it as long after the drop: the
 * shopper loses that much at the start of a pause and gets it back after it. While paused for good,
 * the expiry if resumed at `resumeAt` (when a resume recorded now would take effect, rounded up:
 * lib/queue/admission-state.ts passExpiresAt): a later resume gives a later one, an earlier one
 * an earlier one (a pass signed before it stays good until its own expiry).
 */
export function passExpiry(
  segments: readonly Segment[],
  admittedAt: number,
  passMs: number,
  resumeAt: number,
): number {
  const expiry = reaches(segments, admittedAt, passMs, byTime);
  if (expiry !== undefined) return expiry;
  const left = passMs - accrued(segments, admittedAt, Infinity, byTime);
  return Math.max(resumeAt, segments.at(-1)!.at, admittedAt) + left;
}

/** Whether a change to `next` (rate, paused) changes the record at all: a resent one does not. */
export const changes = (last: Segment, next: Pick<Segment, "rate" | "paused">): boolean =>
  last.rate !== next.rate || last.paused !== next.paused;
