import "server-only";
import { AppError } from "@/lib/errors";
import { admittedAmong } from "@/lib/queue/admission";
import { passExpiresAt } from "@/lib/queue/admission-state";
import { roomOf } from "@/lib/queue/join";
import { admissionsOf, lineOf, placeOf, recordAgrees, segmentsOf } from "@/lib/queue/line";
import { openAtOf, PLACED_MS } from "@/lib/queue/settle";
import { readTicket } from "@/lib/queue/tickets";
import { signQueuePass } from "@/lib/security/queue-pass";
import { verifyQueueTicket } from "@/lib/security/queue-ticket";
import { TURN_AHEAD_MS, type MyQueue } from "@/lib/schemas/queue";
import { countQueueAdmission } from "@/lib/telemetry";

// A shopper's place, from this server's copy of the line (lib/queue/line.ts) and the admission
// function (lib/queue/admission.ts): no write, and no read of its own once the ticket is settled,
// or before with the join's signed ticket (`ticket`, X-Queue-Ticket). A place is admitted at a time
// every server computes alike, so every server issues the same pass.

export async function myPlace({
  dropId,
  shopperId,
  ticket,
  now = Date.now(),
}: {
  dropId: string;
  shopperId: string;
  /** The join's `ticket.token`, if the poll sent it: checked, never trusted for a place. */
  ticket?: string | null;
  now?: number;
}): Promise<MyQueue> {
  const { drop, room, lineDrop } = await roomOf(dropId, now);
  const line = await lineOf(lineDrop, now);
  const place = placeOf(line, shopperId);
  if (!place) {
    // Not placed yet (joined in the last PLACED_MS, or the pre-queue is not drawn): its ticket, as
    // this server read it, as signed for this shopper and drop, or read now, says which.
    const known =
      line.byShopper.get(shopperId)?.joinedAt ??
      line.unplaced.get(shopperId)?.joinedAt ??
      verifyQueueTicket(ticket, { dropId, shopperId })?.joinedAt;
    const joinedAt =
      typeof known === "number"
        ? known
        : Date.parse(known ?? (await readTicket(dropId, shopperId))?.joinedAt ?? "");
    if (Number.isNaN(joinedAt)) throw new AppError("NOT_IN_LINE", "Join the line first.");
    // Not before its place shows (at the opening, or PLACED_MS after joining): the page asks then.
    const pre = joinedAt < drop.startsAt;
    const placedBy = pre ? openAtOf(drop.startsAt) : joinedAt + PLACED_MS;
    return {
      status: pre ? "prequeue" : "waiting",
      etaSeconds: Math.max(0, Math.ceil((placedBy - now) / 1000)),
    };
  }
  const { position } = place;
  // Admitted at the rate, one place after another, never before the place is in every server's line.
  const segments = segmentsOf(line, room.admitPerMinute);
  const times = admissionsOf(line, segments);
  const admittedAt = times[position - 1];
  // A pass's minutes do not run while the drop is paused: a pause or a resume moves its expiry, so
  // a server that has not read one yet (and, in an open pause, each minute) signs another, each
  // genuine. While the record stays paused with the drop live (a resume whose record write failed,
  // until it is resent), admitted passes do not run out.
  const expiresAt =
    admittedAt === undefined ? undefined : passExpiresAt(segments, admittedAt, room.passMinutes, now);
  const pass = () => ({
    token: signQueuePass(dropId, shopperId, { validFrom: admittedAt!, expiresAt: expiresAt! }),
    expiresAt: new Date(expiresAt!).toISOString(),
  });
  if (admittedAt === undefined || now < admittedAt) {
    const admitted = admittedAmong(times, position - 1, now);
    return {
      status: "waiting",
      position,
      ahead: position - 1 - admitted,
      ...(admittedAt === undefined ? {} : { etaSeconds: Math.ceil((admittedAt - now) / 1000) }),
      // The pass ahead: the same one the turn gives. A change of rate or a pause takes effect
      // CHANGE_LEAD_MS after it is recorded (admission-state.ts), once every server has read it, so
      // it never moves a turn given; none while this server has not read a change the drop shows.
      ...(admittedAt !== undefined && admittedAt - now <= TURN_AHEAD_MS && recordAgrees(line, lineDrop)
        ? { next: { ...pass(), validFrom: new Date(admittedAt).toISOString(), inMs: admittedAt - now } }
        : {}),
    };
  }
  if (now >= expiresAt!) return { status: "expired", position };
  countQueueAdmission();
  return { status: "admitted", position, ahead: 0, pass: pass() };
}
