import "server-only";
import { env } from "@/lib/env";
import { hmac } from "@/lib/security/crypto";
import { matchesSessionSecret } from "@/lib/security/session-secrets";

// A waiting room's signed ticket (lib/queue): "<joinedAt ms>.<ticketId>.<HMAC over drop, shopper,
// ticket id, joinedAt>", given with the join and sent back with each poll of `…/queue/me`
// (X-Queue-Ticket), so a server that has not read the ticket yet knows the shopper joined, and
// when, with no read. It says nothing of a place: places come only from the line.

const scope = "queueticket:v1:";
const signature = (secret: string, dropId: string, shopperId: string, ticketId: string, joinedAt: number) =>
  hmac(secret, `${scope}${dropId}.${shopperId}.${ticketId}.${joinedAt}`);

/** Signed with the current secret: the same ticket always gets the same token (until a rotation). */
export function signQueueTicket(t: {
  dropId: string;
  shopperId: string;
  ticketId: string;
  joinedAt: number;
}) {
  return `${t.joinedAt}.${t.ticketId}.${signature(env().SESSION_SECRET, t.dropId, t.shopperId, t.ticketId, t.joinedAt)}`;
}

/**
 * The ticket a token stands for, if it was signed (with the current or the previous secret) for
 * this drop and this shopper; otherwise undefined (missing, forged, tampered with, or another's).
 */
export function verifyQueueTicket(
  token: string | null | undefined,
  ask: { dropId: string; shopperId: string },
): { ticketId: string; joinedAt: number } | undefined {
  const match = token ? /^(\d{1,16})\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/.exec(token) : null;
  if (!match) return undefined;
  const joinedAt = Number(match[1]);
  const ticketId = match[2]!;
  const valid = matchesSessionSecret(match[3]!, (secret) =>
    signature(secret, ask.dropId, ask.shopperId, ticketId, joinedAt),
  );
  return valid ? { ticketId, joinedAt } : undefined;
}
