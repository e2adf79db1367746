import "server-only";
import { randomInt } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";

// Order numbers are short enough to read out on the phone and unique by a conditional write, not
// by hoping a prefix of the claim id never collides. Letters that read alike (0/O, 1/I) are left out.
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const LENGTH = 8; // 32^8 ≈ 10^12: a collision is rare, and then the next number is tried

function candidate(): string {
  return `DR-${Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")}`;
}

/** Takes a new, unique order number for the claim. A resend of the same Put is recognised as ours. */
export async function takeOrderNumber(claimId: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const orderNumber = candidate();
    try {
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...keys.orderNumber(orderNumber), claimId },
          ConditionExpression: "attribute_not_exists(pk)", // each number once, ever
        }),
      );
      return orderNumber;
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const { Item } = await db().send(
        new GetCommand({ TableName: tableName(), Key: keys.orderNumber(orderNumber), ConsistentRead: true }),
      );
      if (Item?.claimId === claimId) return orderNumber; // the SDK resent our own Put
    }
  }
  throw new Error("Could not find a free order number in 5 tries");
}
