import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { hmac } from "@/lib/security/crypto";
import { matchesSessionSecret } from "@/lib/security/session-secrets";

// A waiting room's pass (lib/queue): "<expiresAt ms>.<HMAC over drop, shopper, expiresAt>". Any
// server issues the same pass for the same admission with no write, and any server checks it with
// no read, so the claim checks it before anything is written.

const scope = "queuepass:v1:";
const signature = (secret: string, dropId: string, shopperId: string, expiresAt: number) =>
  hmac(secret, `${scope}${dropId}.${shopperId}.${expiresAt}`);

/** Signed with the current secret; checked with it or the previous one, so a rotation rejects no pass. */
export function signQueuePass(dropId: string, shopperId: string, expiresAt: number): string {
  return `${expiresAt}.${signature(env().SESSION_SECRET, dropId, shopperId, expiresAt)}`;
}

/** 428 QUEUE_REQUIRED without a pass; 403 QUEUE_PASS_INVALID for a forged, another's or an expired one. */
export function checkQueuePass(
  token: string | null | undefined,
  ask: { dropId: string; shopperId: string; now: number },
): void {
  if (!token)
    throw new AppError(
      "QUEUE_REQUIRED",
      "This drop has a waiting room: join the line, and claim with the pass it gives you (X-Queue-Pass).",
    );
  const match = /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(token);
  const expiresAt = match ? Number(match[1]) : NaN;
  const valid =
    match !== null &&
    matchesSessionSecret(match[2]!, (secret) => signature(secret, ask.dropId, ask.shopperId, expiresAt));
  if (!valid) throw new AppError("QUEUE_PASS_INVALID", "This pass is not yours for this drop.");
  if (ask.now >= expiresAt)
    throw new AppError("QUEUE_PASS_INVALID", "This pass has expired: your turn has passed.");
}
