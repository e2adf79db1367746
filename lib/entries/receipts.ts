import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { drawPublicKey, signReceipt } from "@/lib/draw/sign-receipt";
import type { Entry } from "@/lib/schemas/entry";

// Receipts are signed with DRAW_SIGNING_KEY; without one (development, tests) the key is derived
// from SESSION_SECRET, so it is stable wherever the sessions are. Production requires its own.

function signingKey(): string {
  const { DRAW_SIGNING_KEY, SESSION_SECRET } = env();
  return (
    DRAW_SIGNING_KEY?.toLowerCase() ??
    createHash("sha256").update(`droprush-draw-key:${SESSION_SECRET}`).digest("hex")
  );
}

export const receiptFor = (entry: Entry) =>
  signReceipt(signingKey(), { dropId: entry.dropId, entryId: entry.id, createdAt: entry.createdAt });

export const publicDrawKey = () => ({
  algorithm: "Ed25519" as const,
  publicKey: drawPublicKey(signingKey()),
});
