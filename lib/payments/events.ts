import "server-only";
import { table } from "@/lib/db/client";
import { writeIf } from "@/lib/db/conditional";
import { keys, ttlAt, ttlAttribute } from "@/lib/db/table";

// `PAYEVENT#<eventId>`: a webhook event the app has applied. Written after its effect, so a crash in
// between leaves it unrecorded and the provider's resend applies it again (every effect is a forward-only
// conditional write, so again changes nothing); a recorded event is answered 2xx at once.

/** Stripe resends an event for up to 3 days; the record outlives that (TTL only keeps the table small). */
const KEEP_MS = 30 * 24 * 3600 * 1000;

export async function eventRecorded({ eventId }: { eventId: string }): Promise<boolean> {
  const { Item } = await table.get({ Key: keys.paymentEvent(eventId), ConsistentRead: true });
  return Item !== undefined;
}

/** Records an applied event once; answers false when it was already recorded (a duplicate in flight). */
export async function recordEvent({
  eventId,
  type,
  claimId,
  now,
}: {
  eventId: string;
  type: string;
  claimId: string | undefined;
  now: number;
}): Promise<boolean> {
  const put = await writeIf(
    table.put({
      Item: {
        ...keys.paymentEvent(eventId),
        type,
        ...(claimId ? { claimId } : {}),
        appliedAt: new Date(now).toISOString(),
        [ttlAttribute]: ttlAt(now + KEEP_MS),
      },
      // Once per event id: a duplicate delivered at the same time, or the SDK's resend, is refused.
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  return put.applied;
}
