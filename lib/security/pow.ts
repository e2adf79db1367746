import "server-only";
import { createChallenge, extractParams, verifySolution } from "altcha-lib/v1";
import { hmac } from "@/lib/security/crypto";
import { sessionSecrets } from "@/lib/security/session-secrets";
import { table } from "@/lib/db/client";
import { ignoreRefusal, writeIf } from "@/lib/db/conditional";
import { keys, ttlAt } from "@/lib/db/table";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { CHALLENGE_SECONDS } from "@/lib/security/pow-difficulty";
import { z } from "@/lib/schemas/zod";

// Proof of work for a drop's claims (botDefence "pow"): ALTCHA v1 challenges (altcha-lib), bound
// to one drop and one shopper through the signed salt, short-lived, and single-use. Checking a
// solution is CPU only (two SHA-256 and an HMAC, ~0.1 ms); spending it is one conditional write on
// an item of its own (POW#<challenge>), never on the drop's partition, for a claim the cache does
// not already refuse.

export const POW_HEADER = "X-Altcha";
const MAX_HEADER = 2048;

const hmacKey = (secret: string) => hmac(secret, "altcha:v1");

export type AltchaChallenge = Awaited<ReturnType<typeof createChallenge>>;

export function issueChallenge({
  dropId,
  shopperId,
  maxNumber,
  now = Date.now(),
}: {
  dropId: string;
  shopperId: string;
  maxNumber: number;
  now?: number;
}): Promise<AltchaChallenge> {
  return createChallenge({
    hmacKey: hmacKey(env().SESSION_SECRET),
    maxNumber,
    expires: new Date(now + CHALLENGE_SECONDS * 1000),
    params: { drop: dropId, shopper: shopperId },
  });
}

// What the browser sends: base64 of the solved challenge as JSON (the ALTCHA payload).
const payloadSchema = z.object({
  algorithm: z.literal("SHA-256"),
  challenge: z.string().regex(/^[0-9a-f]{64}$/),
  number: z.number().int().min(0).max(1e9),
  salt: z.string().max(512),
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});

/** A checked solution, to be spent once by the claim that uses it. */
export type Solution = { challenge: string; expiresAt: number };

/**
 * Checks the X-Altcha header of a claim: a solution of a challenge we signed, for this drop and
 * this shopper. "expired" when it was all that but ran out (a retry of a claim that won may still
 * be answered with its claim). Throws CHALLENGE_REQUIRED (none sent) or CHALLENGE_INVALID.
 */
export async function checkSolution(
  header: string | null,
  { dropId, shopperId, now = Date.now() }: { dropId: string; shopperId: string; now?: number },
): Promise<Solution | "expired"> {
  if (!header) throw required();
  const payload = header.length <= MAX_HEADER ? decode(header) : undefined;
  if (!payload) throw invalid("The X-Altcha header is not a solved challenge.");
  const params = extractParams(payload);
  if (params.drop !== dropId || params.shopper !== shopperId)
    throw invalid("This challenge was given for another drop or shopper.");
  if (!(await signedByUs(payload)))
    throw invalid("This challenge's solution is wrong, or it was not signed by us.");
  const expiresAt = Number(params.expires) * 1000;
  if (!(expiresAt > now)) return "expired";
  return { challenge: payload.challenge, expiresAt };
}

function decode(header: string): z.infer<typeof payloadSchema> | undefined {
  try {
    return payloadSchema.parse(JSON.parse(Buffer.from(header, "base64").toString("utf8")));
  } catch {
    return undefined;
  }
}

/** Signed with the current secret's key; one handed out before a rotation verifies with the previous. */
async function signedByUs(payload: z.infer<typeof payloadSchema>): Promise<boolean> {
  for (const secret of sessionSecrets())
    if (await verifySolution(payload, hmacKey(secret), false)) return true;
  return false;
}

/**
 * Spends a solution for `usedBy` (the claim's id for a keyed claim, else one id per request):
 * once, except that the same user may send it again (a retry, the SDK's resend of a lost answer)
 * until its claim had a definite answer (`finishSolution`).
 */
export async function spendSolution(solution: Solution, usedBy: string): Promise<void> {
  const written = await writeIf(
    table.put({
      Item: { ...keys.powUsed(solution.challenge), usedBy, ttl: ttlAt(solution.expiresAt) + 3600 },
      ConditionExpression: "attribute_not_exists(pk) OR (usedBy = :usedBy AND attribute_not_exists(done))",
      ExpressionAttributeValues: { ":usedBy": usedBy },
    }),
  );
  if (!written.applied) throw invalid("This challenge has been used already.");
}

/**
 * Ends a spent solution once its claim was refused for good (sold out, at the limit…): the key
 * may be sent again, to be judged afresh, but with a new solution. Idempotent.
 */
export async function finishSolution(solution: Solution, usedBy: string): Promise<void> {
  await table
    .update({
      Key: keys.powUsed(solution.challenge),
      UpdateExpression: "SET done = :done",
      ConditionExpression: "usedBy = :usedBy",
      ExpressionAttributeValues: { ":done": true, ":usedBy": usedBy },
    })
    .catch(ignoreRefusal);
}

export const expiredChallenge = () => invalid("This challenge has run out; fetch a new one.");

const required = () =>
  new AppError(
    "CHALLENGE_REQUIRED",
    `This drop asks for a solved challenge: GET /api/drops/{id}/challenge, then send its solution in the ${POW_HEADER} header.`,
  );
const invalid = (message: string) => new AppError("CHALLENGE_INVALID", message);
