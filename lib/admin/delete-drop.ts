import "server-only";
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { listDropClaims } from "@/lib/claim/reads";
import { db, queryAll, table, tableName } from "@/lib/db/client";
import { ignoreRefusal, isRefused } from "@/lib/db/conditional";
import { listQuery, lists } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import { deleteDraft, transitionDrop } from "@/lib/drop/admin-writes";
import { invalidateDropState } from "@/lib/stock/cache";
import { getDropState } from "@/lib/stock/reads";
import { deleteFeedEntry } from "@/lib/drop/feed-entries";
import { extraShardKeys } from "@/lib/stock/shards";
import { AppError } from "@/lib/errors";

// Deleting a drop (DELETE /api/admin/drops/{id}): a draft (nothing can have sold), or a rehearsal
// drop (the race arena's, the race CLI's), which is ended first and then removed with its claims,
// so rehearsals do not pile up on the dashboard. A rehearsal with a checked-out unit is kept: an
// order is never deleted: the check reads the claims index, and each claim is then deleted on
// condition that it is still no order. A shopper's slot and Idempotency-Key items of it are left: nothing lists
// them, and the drop's id is never used again.

export async function deleteDrop({ id, now = Date.now() }: { id: string; now?: number }): Promise<void> {
  const state = await getDropState({ id, consistent: true });
  if (!state?.rehearsal || state.phase === "draft") return deleteDraft({ id, now }); // its own refusals
  if (state.phase !== "ended") {
    await transitionDrop({ id, now, action: "end" }).catch((err: unknown) => {
      if (!(err instanceof AppError && err.code === "DROP_ENDED")) throw err; // ended by its window
    });
  }
  const claims = await listDropClaims({ dropId: id });
  if (claims.some((c) => c.status === "confirmed"))
    throw new AppError("HAS_ORDERS", "A unit of this rehearsal was checked out; its orders are kept.");
  try {
    // The drop item last but first: on condition, so a drop that is no rehearsal is never removed.
    await table.delete({
      Key: keys.drop(id),
      ConditionExpression: "rehearsal = :yes",
      ExpressionAttributeValues: { ":yes": true },
    });
  } catch (err) {
    if (isRefused(err)) throw new AppError("NOT_FOUND", "No such drop.");
    throw err;
  } finally {
    invalidateDropState(id);
  }
  const attempts = await queryAll({
    ...listQuery(lists.attemptsOf(id)),
  });
  await deleteFeedEntry({ id });
  await deleteAll([
    keys.dropInfo(id),
    keys.autoReturns(id),
    ...extraShardKeys(id, state.stockShards),
    ...attempts.map((a) => ({ pk: a.pk as string })),
  ]);
  // Each claim on condition that it is no order: a hold checked out after the listing is kept.
  await Promise.all(claims.map((c) => deleteUnlessOrder(c.id)));
}

async function deleteUnlessOrder(claimId: string): Promise<void> {
  await table
    .delete({
      Key: keys.claim(claimId),
      ConditionExpression: "#status <> :confirmed",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":confirmed": "confirmed" },
    })
    .catch(ignoreRefusal);
}

/** Deletes items 25 a request (BatchWriteItem's limit), unprocessed ones sent again. */
async function deleteAll(list: { pk: string }[]): Promise<void> {
  for (let i = 0; i < list.length; i += 25) {
    let request: Record<string, { DeleteRequest: { Key: { pk: string } } }[]> | undefined = {
      [tableName()]: list.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })),
    };
    while (request && Object.keys(request).length > 0) {
      const res = await db().send(new BatchWriteCommand({ RequestItems: request }));
      request = res.UnprocessedItems as typeof request;
    }
  }
}
