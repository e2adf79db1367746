"use client";

import { BigButton } from "@/components/ui/big-button";
import { LocalTime } from "@/components/ui/local-time";
import { formatCount } from "@/lib/format";
import type { MyQueue } from "@/lib/schemas/queue";

/**
 * What screen readers hear of the line: said again only when it matters (the status changes, or the
 * count ahead crosses a round number), not at every poll.
 */
export function spokenPlace(place: MyQueue | null | undefined): string {
  if (!place) return "";
  if (place.status === "prequeue") return "You're in the pre-queue.";
  if (place.status === "expired") return "Your turn has passed.";
  if (place.status === "admitted") return "It's your turn: you can claim now.";
  const ahead = place.ahead;
  if (ahead === undefined) return "You're in line.";
  const step = ahead > 1000 ? 1000 : ahead > 100 ? 100 : ahead > 10 ? 10 : 1;
  return `About ${formatCount(Math.ceil(ahead / step) * step)} ahead of you.`;
}

const minutes = (seconds: number) =>
  seconds < 60 ? "under a minute" : `about ${Math.round(seconds / 60)} min`;

/**
 * A drop's waiting room for this shopper before their turn: the join button, the pre-queue's
 * promise, then the place with its progress, or that the turn passed.
 */
export function QueueLine({
  place,
  startsAt,
  busy,
  ready,
  open,
  onJoin,
}: {
  place: MyQueue | null | undefined;
  startsAt: string;
  busy: boolean;
  /** The shopper and the proof of work are ready. */
  ready: boolean;
  /** The line takes joiners now (from the pre-queue's opening until the drop ends). */
  open: boolean;
  onJoin: () => void;
}) {
  return (
    <section data-testid="queue" aria-label="Waiting room" className="space-y-3">
      <p className="sr-only" aria-live="polite" aria-atomic>
        {spokenPlace(place)}
      </p>
      {place === null || place === undefined ? (
        <>
          <p className="text-sm text-zinc-600">
            This drop has a waiting room: join the line, and you can claim when it is your turn.
          </p>
          <BigButton
            testId="join-queue"
            onClick={onJoin}
            disabled={!open || busy || !ready || place === undefined}
          >
            {busy ? "Joining…" : open ? "Join the line" : "The line opens soon"}
          </BigButton>
        </>
      ) : (
        <Place place={place} startsAt={startsAt} />
      )}
    </section>
  );
}

function Place({ place, startsAt }: { place: MyQueue; startsAt: string }) {
  if (place.status === "prequeue")
    return (
      <p data-testid="queue-state" className="rounded-xl bg-sky-50 px-4 py-3 font-semibold text-sky-950">
        You&apos;re in the pre-queue. Your place will be drawn at random at <LocalTime iso={startsAt} />.
      </p>
    );
  if (place.status === "expired")
    return (
      <p data-testid="queue-state" className="rounded-xl bg-zinc-100 px-4 py-3 font-semibold">
        Your turn has passed: your pass ran out before a claim.
      </p>
    );
  if (place.ahead === undefined || place.position === undefined)
    return (
      <p data-testid="queue-state" className="rounded-xl bg-sky-50 px-4 py-3 font-semibold text-sky-950">
        You&apos;re in line. Your place shows within a minute…
      </p>
    );
  const before = place.position - 1;
  const progress = before === 0 ? 1 : (before - place.ahead) / before;
  return (
    <div className="space-y-2">
      <p data-testid="queue-state" className="rounded-xl bg-sky-50 px-4 py-3 font-semibold text-sky-950">
        {formatCount(place.ahead)} ahead of you
        {place.etaSeconds !== undefined && ` · ${minutes(place.etaSeconds)}`}
      </p>
      <div
        role="progressbar"
        aria-label="Your progress in the line"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(progress * 100)}
        className="h-2 overflow-hidden rounded-full bg-zinc-200"
      >
        <div className="h-full bg-sky-600 transition-all" style={{ width: `${progress * 100}%` }} />
      </div>
    </div>
  );
}
