import "server-only";
import { checkGuest, type ClaimProof } from "@/lib/claim/guest-proof";
import { getLiveState } from "@/lib/claim/live-state";
import { AppError } from "@/lib/errors";
import type { LineDrop } from "@/lib/queue/line";
import { joinLine, readTicket, type Ticket } from "@/lib/queue/tickets";
import type { QueueTicket } from "@/lib/schemas/queue";
import { signQueueTicket } from "@/lib/security/queue-ticket";
import { refusalError } from "@/lib/stock/refusals";
import { dropStatus, type DropState } from "@/lib/stock/status";

// Joining a drop's line: the drop's room and window from the cached state (≤ 1 s stale), the
// guards a claim has (the address's limit, the proof of work: lib/claim/guest-proof.ts), then one
// Put of the ticket. Never a write on the drop's partition, never a shared counter.

/**
 * The drop's room, and what its line's refresh needs of it (`lineDrop`), or NO_WAITING_ROOM; unless
 * `closedToo`, the refusal a claim would get once the drop ended or sold out (everyone in the line
 * is told at once).
 */
export async function roomOf(dropId: string, now: number, closedToo = false) {
  const drop = await getLiveState(dropId, now);
  if (!drop || drop.phase === "draft") throw refusalError("NOT_FOUND");
  const room = drop.waitingRoom;
  if (!room?.enabled || drop.mode === "draw")
    throw new AppError("NO_WAITING_ROOM", "This drop has no waiting room: claim it directly.");
  const status = closedToo ? "live" : dropStatus(drop, now);
  if (status === "ended") throw refusalError("ENDED");
  if (status === "sold_out") throw refusalError("SOLD_OUT");
  const lineDrop: LineDrop = {
    id: dropId,
    startsAt: drop.startsAt,
    admitPerMinute: room.admitPerMinute,
    paused: drop.phase === "paused",
    version: drop.settingsVersion,
  };
  return { drop: drop as DropState & { waitingRoom: NonNullable<DropState["waitingRoom"]> }, room, lineDrop };
}

export async function joinQueue({
  dropId,
  shopperId,
  proof,
  now = Date.now(),
}: {
  dropId: string;
  shopperId: string;
  proof: ClaimProof;
  now?: number;
}): Promise<{ ticket: QueueTicket; created: boolean }> {
  const { drop, room } = await roomOf(dropId, now);
  if (now < drop.startsAt - room.prequeueMinutes * 60_000)
    throw new AppError(
      "NOT_STARTED",
      `The line opens ${room.prequeueMinutes} minutes before the drop starts, at ${new Date(drop.startsAt - room.prequeueMinutes * 60_000).toISOString()}.`,
    );
  const spend = await checkGuest(proof, { dropId, shopperId, now }, drop, undefined);
  if (spend) {
    // In the line already: the same ticket, without spending another solution on it.
    const earlier = await readTicket(dropId, shopperId, true);
    if (earlier) return { ticket: publicTicket(earlier, drop.startsAt), created: false };
    await spend.spend();
  }
  const { ticket, created } = await joinLine({ dropId, shopperId, now: Date.now() });
  return { ticket: publicTicket(ticket, drop.startsAt), created };
}

/** The ticket as its shopper sees it, signed: the same ticket always gets the same token. */
const publicTicket = (t: Ticket, startsAt: number): QueueTicket => ({
  id: t.id,
  dropId: t.dropId,
  joinedAt: t.joinedAt,
  prequeue: Date.parse(t.joinedAt) < startsAt,
  token: signQueueTicket({
    dropId: t.dropId,
    shopperId: t.shopperId,
    ticketId: t.id,
    joinedAt: Date.parse(t.joinedAt),
  }),
});
