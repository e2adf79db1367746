import { ed25519 } from "@noble/curves/ed25519.js";
import { hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import type { DrawKey, Receipt } from "@/lib/schemas/draw";

// An entry's receipt: Ed25519 over `droprush-entry:v1:{dropId}:{entryId}:{createdAt}`, so a shopper
// left out of the published entries can prove they entered. Verifying is pure and browser-safe;
// signing is server-only (sign-receipt.ts).

/** The fields a receipt signs. */
export type ReceiptFields = Pick<Receipt, "dropId" | "entryId" | "createdAt">;

/**
 * Ids with a ":" could be read two ways (`a:b` + `c` or `a` + `b:c`), so no receipt signs one;
 * `createdAt` comes last, so its own colons are unambiguous.
 */
export const signableIds = ({ dropId, entryId }: ReceiptFields): boolean =>
  dropId !== "" && entryId !== "" && !dropId.includes(":") && !entryId.includes(":");

/** The UTF-8 string a receipt's signature covers. */
export const receiptMessage = ({ dropId, entryId, createdAt }: ReceiptFields): string =>
  `droprush-entry:v1:${dropId}:${entryId}:${createdAt}`;

const HEX = (bytes: number) => new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`);
const PUBLIC_KEY = HEX(32);
const SIGNATURE = HEX(64);

/**
 * Whether `receipt` is signed by the key `publicKeyHex` (GET /api/draw-key), over exactly these
 * fields. Strict RFC 8032 verification; anything malformed is simply not valid.
 */
export function verifyReceipt(publicKeyHex: string, receipt: Receipt): boolean {
  if (!PUBLIC_KEY.test(publicKeyHex) || !SIGNATURE.test(receipt.signature) || !signableIds(receipt))
    return false;
  try {
    return ed25519.verify(
      hexToBytes(receipt.signature.toLowerCase()),
      utf8ToBytes(receiptMessage(receipt)),
      hexToBytes(publicKeyHex.toLowerCase()),
      { zip215: false },
    );
  } catch {
    return false; // not a point on the curve
  }
}

/**
 * The published key `receipt` verifies with: the current one, or one from before a rotation
 * (`previousPublicKeys`); undefined when none does.
 */
export const receiptSignedBy = (key: DrawKey, receipt: Receipt): string | undefined =>
  [key.publicKey, ...(key.previousPublicKeys ?? [])].find((publicKey) => verifyReceipt(publicKey, receipt));
