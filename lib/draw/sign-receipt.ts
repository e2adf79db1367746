import "server-only";
import { ed25519 } from "@noble/curves/ed25519.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { receiptMessage, signableIds, type ReceiptFields } from "@/lib/draw/receipt";
import type { Receipt } from "@/lib/schemas/draw";

// The server's side of receipts: the private key is DRAW_SIGNING_KEY (a 32-byte Ed25519 seed in
// hex); the caller reads it, this file only uses it. Server-only: the key never reaches a browser.

function privateKeyBytes(privateKeyHex: string): Uint8Array {
  if (!/^[0-9a-fA-F]{64}$/.test(privateKeyHex))
    throw new RangeError("DRAW_SIGNING_KEY is a 32-byte Ed25519 private key written as 64 hex digits");
  return hexToBytes(privateKeyHex.toLowerCase());
}

/** The public key (hex, 32 bytes) that GET /api/draw-key publishes for `privateKeyHex`. */
export function drawPublicKey(privateKeyHex: string): string {
  return bytesToHex(ed25519.getPublicKey(privateKeyBytes(privateKeyHex)));
}

/** An entry's receipt, signed with `privateKeyHex`. */
export function signReceipt(privateKeyHex: string, fields: ReceiptFields): Receipt {
  if (!signableIds(fields)) throw new RangeError("A receipt's dropId and entryId are non-empty, without ':'");
  const signature = ed25519.sign(utf8ToBytes(receiptMessage(fields)), privateKeyBytes(privateKeyHex));
  return {
    entryId: fields.entryId,
    dropId: fields.dropId,
    createdAt: fields.createdAt,
    signature: bytesToHex(signature),
  };
}
