// Admission as a pure function of time: the admins' record of the rate (its changes and pauses,
// lib/queue/admission-state.ts) says how many places are admitted at any instant, so every server
// computes the same admissions and passes with no write, and a crash loses nothing. Integer
// arithmetic in "place-milliseconds per minute": exact, whatever the number of changes. Pure.

/** From `at` on (until the next segment), `rate` places a minute, or none while `paused`. */
export type Segment = { at: number; rate: number; paused: boolean };

const MINUTE = 60_000;

/** The record of a room nobody changed: its configured rate from the start. */
export const initialSegments = (rate: number): Segment[] => [{ at: 0, rate, paused: false }];

/** rate × milliseconds admitted by `t`, counted from `openAt` (nobody is admitted before it). */
function creditAt(segments: readonly Segment[], openAt: number, t: number): number {
  let credit = 0;
  segments.forEach((seg, i) => {
    const from = Math.max(seg.at, openAt);
    const to = Math.min(segments[i + 1]?.at ?? Infinity, t);
    if (!seg.paused && to > from) credit += seg.rate * (to - from);
  });
  return credit;
}

/** Places admitted by `t` (uncapped: a place is admitted once it is also in the line). */
export const admittedBy = (segments: readonly Segment[], openAt: number, t: number): number =>
  Math.floor(creditAt(segments, openAt, t) / MINUTE);

/**
 * The first instant `admittedBy` reaches `position` (1-based); undefined while paused for good.
 * Monotone in `position`, so admissions go in the line's order.
 */
export function admissionTime(
  segments: readonly Segment[],
  openAt: number,
  position: number,
): number | undefined {
  const need = position * MINUTE;
  let credit = 0;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const from = Math.max(seg.at, openAt);
    const to = segments[i + 1]?.at ?? Infinity;
    if (seg.paused || to <= from) continue;
    if (credit + seg.rate * (to - from) >= need) return from + Math.ceil((need - credit) / seg.rate);
    credit += seg.rate * (to - from);
  }
  return undefined;
}

/** Whether a change to `next` (rate, paused) changes the record at all: a resent one does not. */
export const changes = (last: Segment, next: Pick<Segment, "rate" | "paused">): boolean =>
  last.rate !== next.rate || last.paused !== next.paused;
