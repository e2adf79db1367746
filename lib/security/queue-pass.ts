import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { hmac } from "@/lib/security/crypto";
import { matchesSessionSecret } from "@/lib/security/session-secrets";

// A waiting room's pass (lib/queue): "<validFrom ms>.<expiresAt ms>.<HMAC over drop, shopper,
// validFrom, expiresAt>". Any server issues the same pass for the same admission with no write, and
// any server checks it with no read, so the claim checks it before anything is written. A pass may
// be handed out just before its turn (lib/queue/my-place.ts): it is good from `validFrom`.

const scope = "queuepass:v2:";
const signature = (secret: string, dropId: string, shopperId: string, validFrom: number, expiresAt: number) =>
  hmac(secret, `${scope}${dropId}.${shopperId}.${validFrom}.${expiresAt}`);
// Passes from before `validFrom` ("<expiresAt>.<HMAC>"): still held by pages for up to passMinutes
// after a deploy, good from their issue.
const legacySignature = (secret: string, dropId: string, shopperId: string, expiresAt: number) =>
  hmac(secret, `queuepass:v1:${dropId}.${shopperId}.${expiresAt}`);

/**
 * How early a claim may use its pass: servers' clocks differ by this much at most, and a page that
 * claims at its turn by the room's clock must not be refused by the claim's.
 */
export const PASS_EARLY_MS = 1000;

/** Signed with the current secret; checked with it or the previous one, so a rotation rejects no pass. */
export function signQueuePass(
  dropId: string,
  shopperId: string,
  { validFrom, expiresAt }: { validFrom: number; expiresAt: number },
): string {
  return `${validFrom}.${expiresAt}.${signature(env().SESSION_SECRET, dropId, shopperId, validFrom, expiresAt)}`;
}

/**
 * 428 QUEUE_REQUIRED without a pass; 403 QUEUE_PASS_INVALID for a forged, another's or an expired
 * one, or one whose turn has not come.
 */
export function checkQueuePass(
  token: string | null | undefined,
  ask: { dropId: string; shopperId: string; now: number },
): void {
  if (!token)
    throw new AppError(
      "QUEUE_REQUIRED",
      "This drop has a waiting room: join the line, and claim with the pass it gives you (X-Queue-Pass).",
    );
  const { dropId, shopperId } = ask;
  const match = /^(?:(\d{1,16})\.)?(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(token);
  const validFrom = match?.[1] === undefined ? 0 : Number(match[1]);
  const expiresAt = match ? Number(match[2]) : NaN;
  const valid =
    match !== null &&
    matchesSessionSecret(match[3]!, (secret) =>
      match[1] === undefined
        ? legacySignature(secret, dropId, shopperId, expiresAt)
        : signature(secret, dropId, shopperId, validFrom, expiresAt),
    );
  if (!valid) throw new AppError("QUEUE_PASS_INVALID", "This pass is not yours for this drop.");
  if (ask.now >= expiresAt)
    throw new AppError("QUEUE_PASS_INVALID", "This pass has expired: your turn has passed.");
  if (ask.now < validFrom - PASS_EARLY_MS)
    throw new AppError(
      "QUEUE_PASS_INVALID",
      `This pass is good from ${new Date(validFrom).toISOString()}: your turn has not come yet.`,
    );
}
