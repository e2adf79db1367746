import "server-only";
import { randomBytes } from "node:crypto";
import { can, type Principal } from "@/lib/brand/principal";
import { table } from "@/lib/db/client";
import {
  createdSortKey,
  inList,
  listQuery,
  lists,
  parseCreatedSortKey,
  sortKeyIn,
  startAfter,
} from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import { AppError, type ErrorCode } from "@/lib/errors";
import type { ActivityEvent } from "@/lib/schemas/brand";

// A brand's activity log: ACTIVITY#<eventId>, on gsi1 "ACTIVITY#<brandId>" and, for an event about
// a drop, on gsi2 "DROPACTIVITY#<dropId>", both sorted by "<at>#<eventId>" (newest first). Written
// by the route wrapper only (lib/http/route.ts), after the action succeeded or with the refusal
// that is logged (a failed sign-in), never on the shopper's path. The cursor is the sort key,
// base64url-encoded, checked, and the key around it rebuilt here. The address an event came from
// is shown to owners and the operator only; everyone else's events have no `address`.

type Actor = ActivityEvent["actor"];

/** An event as a request or a room describes it; the route wrapper adds the address and records it. */
export type ActivityNote = {
  brandId: string;
  actor: Actor;
  action: string;
  dropId?: string;
  detail?: string;
};

/**
 * A refusal the brands' logs keep (a failed sign-in, for each brand of the account): the route
 * wrapper records `notes`, then answers as for any AppError.
 */
export class LoggedError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly notes: ActivityNote[],
  ) {
    super(code, message);
  }
}

export async function recordActivity({
  brandId,
  actor,
  action,
  dropId,
  detail,
  address,
  now = Date.now(),
}: {
  brandId: string;
  /** Who: `actorOf(principal)`, or a member by id for their own sign-in. */
  actor: Actor;
  action: string;
  dropId?: string;
  detail?: string;
  address?: string;
  now?: number;
}): Promise<void> {
  const id = randomBytes(8).toString("hex");
  const at = new Date(now).toISOString();
  const sk = createdSortKey(at, id);
  await table.put({
    Item: {
      ...keys.activity(id),
      id,
      brandId,
      at,
      action,
      actor,
      ...(dropId ? { dropId, ...inList(lists.dropActivity(dropId), sk) } : {}),
      ...(detail ? { detail } : {}),
      ...(address ? { address } : {}),
      ...inList(lists.activityOf(brandId), sk),
    },
  });
}

/**
 * Like recordActivity, but a failure is logged, not thrown: the action it records already happened.
 * The route wrapper's (lib/http/route.ts), the one writer of the log.
 */
export async function noteActivity(input: Parameters<typeof recordActivity>[0]): Promise<void> {
  try {
    await recordActivity(input);
  } catch (err) {
    console.error("Activity not recorded", input.action, err);
  }
}

const EVENT_ID = /[a-f0-9]{16}/;

/** Who sees the addresses events came from: an owner (member or token) and the operator. */
export const seesAddresses = (p: Principal): boolean => can(p, "owner");

/** A page of a brand's events (or one drop's), newest first, as `principal` may see them. */
export async function pageActivity({
  brandId,
  dropId,
  cursor,
  limit,
  principal,
}: {
  brandId: string;
  dropId?: string;
  cursor?: string;
  limit: number;
  principal: Principal;
}): Promise<{ events: ActivityEvent[]; nextCursor: string | null }> {
  const list = dropId ? lists.dropActivity(dropId) : lists.activityOf(brandId);
  let start: Record<string, string> | undefined;
  if (cursor) {
    const sk = Buffer.from(cursor, "base64url").toString("utf8");
    const parsed = parseCreatedSortKey(sk, EVENT_ID);
    if (!parsed)
      throw new AppError("INVALID_REQUEST", "The cursor is not valid; start again from the first page.");
    start = startAfter(list, keys.activity(parsed.id), sk);
  }
  const { Items = [], LastEvaluatedKey } = await table.query({
    ...listQuery(list),
    ScanIndexForward: false,
    ExclusiveStartKey: start,
    Limit: limit,
  });
  const last = sortKeyIn(list, LastEvaluatedKey);
  return {
    events: Items.filter((i) => i.brandId === brandId).map((i) => toEvent(i, seesAddresses(principal))),
    nextCursor: typeof last === "string" ? Buffer.from(last).toString("base64url") : null,
  };
}

function toEvent(i: Record<string, unknown>, withAddress: boolean): ActivityEvent {
  return {
    id: i.id as string,
    at: i.at as string,
    action: i.action as string,
    actor: i.actor as Actor,
    dropId: (i.dropId as string | undefined) ?? null,
    detail: (i.detail as string | undefined) ?? null,
    ...(withAddress ? { address: (i.address as string | undefined) ?? null } : {}), // omitted, not masked
  };
}
