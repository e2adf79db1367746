import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { drawPublicKey, signReceipt } from "@/lib/draw/sign-receipt";
import type { DrawKey } from "@/lib/schemas/draw";
import type { Entry } from "@/lib/schemas/entry";

// Receipts are signed with DRAW_SIGNING_KEY; without one (development, tests) the key is derived
// from SESSION_SECRET, so it is stable wherever the sessions are. Production requires its own.
// During a rotation the previous key signs nothing, but its public half is still published, so
// every receipt it signed still verifies (docs/configuration.md#rotating-secrets).

const derived = (sessionSecret: string) =>
  createHash("sha256").update(`droprush-draw-key:${sessionSecret}`).digest("hex");

function signingKey(): string {
  const { DRAW_SIGNING_KEY, SESSION_SECRET } = env();
  return DRAW_SIGNING_KEY?.toLowerCase() ?? derived(SESSION_SECRET);
}

/** The key before a rotation: DRAW_SIGNING_KEY_PREVIOUS, or derived like the current one from SESSION_SECRET_PREVIOUS. */
function previousKey(): string | undefined {
  const { DRAW_SIGNING_KEY, DRAW_SIGNING_KEY_PREVIOUS, SESSION_SECRET_PREVIOUS } = env();
  if (DRAW_SIGNING_KEY_PREVIOUS !== undefined) return DRAW_SIGNING_KEY_PREVIOUS.toLowerCase();
  if (DRAW_SIGNING_KEY === undefined && SESSION_SECRET_PREVIOUS !== undefined)
    return derived(SESSION_SECRET_PREVIOUS);
  return undefined;
}

export const receiptFor = (entry: Entry) =>
  signReceipt(signingKey(), { dropId: entry.dropId, entryId: entry.id, createdAt: entry.createdAt });

export function publicDrawKey(): DrawKey & { previousPublicKeys: string[] } {
  const current = signingKey();
  const previous = previousKey();
  return {
    algorithm: "Ed25519",
    publicKey: drawPublicKey(current),
    previousPublicKeys: previous === undefined || previous === current ? [] : [drawPublicKey(previous)],
  };
}
