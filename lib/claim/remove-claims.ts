import "server-only";
import { table } from "@/lib/db/client";
import { ignoreRefusal } from "@/lib/db/conditional";
import { keys } from "@/lib/db/table";
import type { Claim } from "@/lib/schemas/claim";

/**
 * Deletes a removed rehearsal drop's claims, each on condition that it is no order: a hold checked
 * out after the caller listed it is kept. A shopper's slot and Idempotency-Key items are left:
 * nothing lists them, and the drop's id is never used again.
 */
export async function removeClaimsUnlessOrders(claims: readonly Claim[]): Promise<void> {
  await Promise.all(
    claims.map((c) =>
      table
        .delete({
          Key: keys.claim(c.id),
          ConditionExpression: "#status <> :confirmed",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":confirmed": "confirmed" },
        })
        .catch(ignoreRefusal),
    ),
  );
}
