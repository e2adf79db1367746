import "server-only";
import { randomBytes } from "node:crypto";
import { table } from "@/lib/db/client";
import { writeIf } from "@/lib/db/conditional";
import { inList, lists, queueSortKey } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";

// A shopper's ticket in a drop's line: one small item per (drop, shopper), never on the drop's
// partition and no shared counter. Each is listed in one of PARTS index partitions by its id's
// first hex digit (as entries are), sorted by "<joinedAt>#<ticketId>": the order of arrival.

export const PARTS = 16;
export const partOf = (ticketId: string) => parseInt(ticketId[0]!, 16);
export const newTicketId = () => randomBytes(12).toString("hex");

export type Ticket = { id: string; dropId: string; shopperId: string; joinedAt: string };

const toTicket = (item: Record<string, unknown>): Ticket => ({
  id: item.ticketId as string,
  dropId: item.dropId as string,
  shopperId: item.shopperId as string,
  joinedAt: item.joinedAt as string,
});

/**
 * Puts `shopperId` in the line: { ticket, created }. A shopper already in gets their ticket
 * (created: false). Sent once (`putOnce`): it lands within ONE_ATTEMPT_DEAD_MS or never, which is
 * what lets every server know when its copy of the line is complete up to a time (lib/queue/line.ts).
 * A lost answer is a 503; the retry finds the ticket, and a resend that finds its own id made it.
 */
export async function joinLine({
  dropId,
  shopperId,
  now,
  ticketId = newTicketId(),
}: {
  dropId: string;
  shopperId: string;
  now: number;
  ticketId?: string;
}): Promise<{ ticket: Ticket; created: boolean }> {
  const joinedAt = new Date(now).toISOString();
  const written = await writeIf(
    table.putOnce({
      Item: {
        ...keys.queueTicket(dropId, shopperId),
        ticketId,
        dropId,
        shopperId,
        joinedAt,
        ...inList(lists.queueOf(dropId, partOf(ticketId)), queueSortKey(joinedAt, ticketId)),
      },
      ConditionExpression: "attribute_not_exists(pk)", // one ticket per shopper per drop
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    }),
  );
  if (written.applied) return { ticket: { id: ticketId, dropId, shopperId, joinedAt }, created: true };
  // dynalite does not return the item that failed the check: read it.
  const stored = written.item ?? (await readTicketItem(dropId, shopperId, true));
  if (!stored) throw new Error("A ticket refused as existing is missing");
  const earlier = toTicket(stored);
  return { ticket: earlier, created: earlier.id === ticketId };
}

const readTicketItem = async (dropId: string, shopperId: string, consistent: boolean) =>
  (await table.get({ Key: keys.queueTicket(dropId, shopperId), ConsistentRead: consistent })).Item;

export async function readTicket(
  dropId: string,
  shopperId: string,
  consistent = false,
): Promise<Ticket | undefined> {
  const item = await readTicketItem(dropId, shopperId, consistent);
  return item ? toTicket(item) : undefined;
}
