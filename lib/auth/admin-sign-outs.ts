import "server-only";
import type { AdminSession } from "@/lib/auth/admin-session";
import { table } from "@/lib/db/client";
import { keys, ttlAt } from "@/lib/db/table";

// The session cookie is signed, not stored, so clearing it on sign-out would leave a copied value
// valid until it expires. Sign-out records the session instead, and every cookie-authenticated admin
// request looks it up: one small read, on admin traffic only (never the shopper's path).

export async function recordSignOut(session: AdminSession): Promise<void> {
  await table.put({
    Item: {
      ...keys.adminSignOut(session.nonce),
      expiresAt: session.expiresAt,
      ttl: ttlAt(session.expiresAt),
    },
  });
}

export async function isSignedOut(session: AdminSession): Promise<boolean> {
  const { Item } = await table.get({ Key: keys.adminSignOut(session.nonce), ConsistentRead: true });
  return Item !== undefined;
}
