import "server-only";
import { createHash } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import { AppError } from "@/lib/errors";

// One order per email per drop: the first shopper to check out with an email owns it for that
// drop; the same shopper may check out more units (up to their limit) with it, anyone else is
// refused. A conditional Put, safe to repeat. The address is normalised by case and surrounding
// space only: dots and "+tags" are kept, since what they mean depends on the mail provider.

/** The form of an email that two checkouts are compared by. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function claimOrderEmail({
  dropId,
  shopperId,
  email,
}: {
  dropId: string;
  shopperId: string;
  email: string;
}): Promise<void> {
  const hash = createHash("sha256").update(normaliseEmail(email)).digest("base64url");
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.orderEmail(dropId, hash), shopperId },
        ConditionExpression: "attribute_not_exists(pk) OR shopperId = :me",
        ExpressionAttributeValues: { ":me": shopperId },
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    throw new AppError(
      "EMAIL_HAS_ORDER",
      "This email already has an order for this drop: one order per email.",
      [{ path: "email", message: "This email already has an order for this drop" }],
    );
  }
}
