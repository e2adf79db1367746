import "server-only";
import { createHash } from "node:crypto";
import { table } from "@/lib/db/client";
import { isRefused } from "@/lib/db/conditional";
import { keys } from "@/lib/db/table";

// Order numbers are short enough to read out on the phone and unique by a conditional write, not
// by hoping a prefix of the claim id never collides. Letters that read alike (0/O, 1/I) are left out.
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const LENGTH = 8; // 32^8 ≈ 10^12: a collision is rare, and then the next number is tried

/**
 * The numbers one checkout tries, in order, drawn from its lease id (random, never shown): every
 * request of that checkout (a resend, a double click, a retry after a crash) tries the same ones.
 */
export function orderNumberCandidate(seed: string, attempt: number): string {
  const bytes = createHash("sha256").update(`${seed}#${attempt}`).digest();
  return `DR-${Array.from({ length: LENGTH }, (_, i) => ALPHABET[bytes[i]! % ALPHABET.length]).join("")}`;
}

/** Takes a unique order number for the claim's checkout (lib/claim/checkout.ts). Safe to repeat. */
export async function takeOrderNumber({ claimId, seed }: { claimId: string; seed: string }): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const orderNumber = orderNumberCandidate(seed, attempt);
    try {
      await table.put({
        Item: { ...keys.orderNumber(orderNumber), claimId },
        // Each number one claim's: a resend, or another request of this checkout, finds it its own.
        ConditionExpression: "attribute_not_exists(pk) OR claimId = :claim",
        ExpressionAttributeValues: { ":claim": claimId },
      });
      return orderNumber;
    } catch (err) {
      if (!isRefused(err)) throw err;
    }
  }
  throw new Error("Could not find a free order number in 5 tries");
}

/** Gives back a number whose checkout lost its hold: it was never on an order. */
export async function giveBackOrderNumber({
  orderNumber,
  claimId,
}: {
  orderNumber: string;
  claimId: string;
}): Promise<void> {
  try {
    await table.delete({
      Key: keys.orderNumber(orderNumber),
      ConditionExpression: "claimId = :claim", // only this claim's own number
      ExpressionAttributeValues: { ":claim": claimId },
    });
  } catch (err) {
    if (!isRefused(err)) throw err;
  }
}
