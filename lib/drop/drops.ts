import "server-only";
import { randomBytes } from "node:crypto";
import { BatchGetCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { db, queryAll, tableName } from "@/lib/db/client";
import { indexes, keys, parents } from "@/lib/db/table";
import { AppError } from "@/lib/errors";
import { dropStatus, type DropState, type Phase } from "@/lib/drop/status";
import type { CreateDrop, Drop } from "@/lib/schemas/drop";

/** Catalogue fields, kept off the hot item so a claim's write stays one unit. */
type DropInfo = {
  id: string;
  name: string;
  description: string;
  imageUrl: string;
  priceCents: number;
  currency: string;
  /** In the public feed; absent on items written before the field existed, which are listed. */
  listed?: boolean;
  createdAt: string;
};

export function newDropId(): string {
  return randomBytes(6).toString("hex");
}

export async function createDrop({
  id = newDropId(),
  input,
  now = Date.now(),
}: {
  id?: string;
  /** A parsed create body; `listed` may be left out (listed), as written before it existed. */
  input: Omit<CreateDrop, "listed"> & { listed?: boolean };
  now?: number;
}): Promise<Drop> {
  const state: DropState = {
    id,
    remainingStock: input.totalStock,
    totalStock: input.totalStock,
    startsAt: Date.parse(input.startsAt),
    endsAt: Date.parse(input.endsAt),
    phase: input.draft ? "draft" : "active",
    maxPerShopper: input.maxPerShopper,
    holdSeconds: input.holdSeconds,
  };
  const createdAt = new Date(now).toISOString();
  const info: DropInfo = {
    id,
    name: input.name,
    description: input.description,
    imageUrl: input.imageUrl,
    priceCents: input.priceCents,
    currency: input.currency,
    listed: input.listed ?? true,
    createdAt,
  };
  // Hot item first: an orphaned hot item is invisible (lists and reads start from the info item).
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.drop(id), ...state },
      ConditionExpression: "attribute_not_exists(pk)", // never overwrite a drop that has sold units
    }),
  );
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.dropInfo(id), ...info, gsi1pk: parents.drops, gsi1sk: `${createdAt}#${id}` },
    }),
  );
  return toDrop(info, state, now);
}

export async function getDropState({
  id,
  consistent = false,
}: {
  id: string;
  consistent?: boolean;
}): Promise<DropState | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.drop(id), ConsistentRead: consistent }),
  );
  return Item ? toState(Item) : undefined;
}

/** A drop as shoppers see it; drafts are invisible unless `includeDraft`. `consistent` after an admin write. */
export async function getDrop({
  id,
  includeDraft = false,
  consistent = false,
  now = Date.now(),
}: {
  id: string;
  includeDraft?: boolean;
  consistent?: boolean;
  now?: number;
}): Promise<Drop> {
  const [info, state] = await Promise.all([
    db()
      .send(new GetCommand({ TableName: tableName(), Key: keys.dropInfo(id), ConsistentRead: consistent }))
      .then((r) => r.Item),
    getDropState({ id, consistent }),
  ]);
  if (!info || !state || (state.phase === "draft" && !includeDraft)) {
    throw new AppError("NOT_FOUND", "No such drop.");
  }
  return toDrop(info as DropInfo, state, now);
}

/**
 * All drops, newest first. The catalogue index never sees claim traffic. `listedOnly` is the public
 * feed's view; the default keeps unlisted drops, which the admin list needs.
 */
export async function listDrops({
  includeDrafts = false,
  listedOnly = false,
  now = Date.now(),
}: { includeDrafts?: boolean; listedOnly?: boolean; now?: number } = {}): Promise<Drop[]> {
  let infos = await queryDropInfos();
  if (listedOnly) infos = infos.filter(isListed);
  const states = await getDropStates(infos.map((d) => d.id));
  return infos.flatMap((info) => {
    const state = states.get(info.id);
    if (!state || (state.phase === "draft" && !includeDrafts)) return [];
    return [toDrop(info, state, now)];
  });
}

/** Every published drop's hot item, listed or not, read eventually consistently: the sweeper's view. */
export async function listPublishedDropStates(): Promise<DropState[]> {
  const states = await getDropStates((await queryDropInfos()).map((d) => d.id));
  return [...states.values()].filter((s) => s.phase !== "draft");
}

const queryDropInfos = async () =>
  (await queryAll({
    IndexName: indexes.byParent.name,
    KeyConditionExpression: "gsi1pk = :drops",
    ExpressionAttributeValues: { ":drops": parents.drops },
    ScanIndexForward: false,
  })) as DropInfo[];

async function getDropStates(ids: string[]): Promise<Map<string, DropState>> {
  const states = new Map<string, DropState>();
  for (let i = 0; i < ids.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
      [tableName()]: { Keys: ids.slice(i, i + 100).map((id) => keys.drop(id)) },
    };
    while (request && Object.keys(request).length > 0) {
      const res = await db().send(new BatchGetCommand({ RequestItems: request }));
      for (const item of res.Responses?.[tableName()] ?? []) states.set(item.id as string, toState(item));
      request = res.UnprocessedKeys as typeof request;
    }
  }
  return states;
}

const isListed = (info: DropInfo) => info.listed !== false;

function toState(item: Record<string, unknown>): DropState {
  return {
    id: item.id as string,
    remainingStock: item.remainingStock as number,
    totalStock: item.totalStock as number,
    startsAt: item.startsAt as number,
    endsAt: item.endsAt as number,
    phase: item.phase as Phase,
    maxPerShopper: item.maxPerShopper as number,
    holdSeconds: item.holdSeconds as number,
    lastTakenAt: item.lastTakenAt as number | undefined,
    lastTakeId: item.lastTakeId as string | undefined,
    lastReturnedAt: item.lastReturnedAt as number | undefined,
    adminWriteId: item.adminWriteId as string | undefined,
  };
}

function toDrop(info: DropInfo, state: DropState, now: number): Drop {
  return {
    id: info.id,
    name: info.name,
    description: info.description,
    imageUrl: info.imageUrl,
    priceCents: info.priceCents,
    currency: info.currency,
    totalStock: state.totalStock,
    remainingStock: Math.max(0, state.remainingStock),
    maxPerShopper: state.maxPerShopper,
    holdSeconds: state.holdSeconds,
    startsAt: new Date(state.startsAt).toISOString(),
    endsAt: new Date(state.endsAt).toISOString(),
    status: dropStatus(state, now),
    listed: isListed(info),
  };
}
