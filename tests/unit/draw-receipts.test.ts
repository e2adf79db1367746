// Entry receipts (issue 23): Ed25519 over `droprush-entry:v1:{dropId}:{entryId}:{createdAt}`. The key
// and signatures agree with RFC 8032 and with node:crypto (another implementation); a receipt
// verifies, and fails when any field, the signature or the key changes.
import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { receiptMessage, verifyReceipt } from "@/lib/draw/receipt";
import { drawPublicKey, signReceipt } from "@/lib/draw/sign-receipt";

// RFC 8032, section 7.1, TEST 1.
const RFC_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

const KEY = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"; // RFC 8032 TEST 2's
const fields = { dropId: "aurora-runner", entryId: "ent_7QkR2mX9pL", createdAt: "2026-12-04T10:15:30.123Z" };

/** node:crypto's private key from a raw 32-byte Ed25519 seed (PKCS#8 DER prefix + seed). */
const nodeKey = (seedHex: string) =>
  createPrivateKey({
    key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), Buffer.from(seedHex, "hex")]),
    format: "der",
    type: "pkcs8",
  });

describe("entry receipts", () => {
  it("derive the public key as RFC 8032 does", () => {
    expect(drawPublicKey(RFC_SECRET)).toBe(RFC_PUBLIC);
    expect(drawPublicKey(RFC_SECRET.toUpperCase())).toBe(RFC_PUBLIC);
    expect(() => drawPublicKey("abc")).toThrow(/DRAW_SIGNING_KEY/);
  });

  it("sign the exact string, with the signature node:crypto makes", () => {
    expect(receiptMessage(fields)).toBe(
      "droprush-entry:v1:aurora-runner:ent_7QkR2mX9pL:2026-12-04T10:15:30.123Z",
    );
    const receipt = signReceipt(KEY, fields);
    expect(receipt).toEqual({ ...fields, signature: expect.stringMatching(/^[0-9a-f]{128}$/) });
    const message = Buffer.from(receiptMessage(fields), "utf8");
    // Ed25519 is deterministic: another implementation gives the same bytes, and accepts ours.
    expect(sign(null, message, nodeKey(KEY)).toString("hex")).toBe(receipt.signature);
    expect(verify(null, message, createPublicKey(nodeKey(KEY)), Buffer.from(receipt.signature, "hex"))).toBe(
      true,
    );
  });

  it("verify with the published key, and fail when any field changes", () => {
    const publicKey = drawPublicKey(KEY);
    const receipt = signReceipt(KEY, fields);
    expect(verifyReceipt(publicKey, receipt)).toBe(true);
    expect(verifyReceipt(publicKey.toUpperCase(), receipt)).toBe(true);

    expect(verifyReceipt(publicKey, { ...receipt, dropId: "aurora-runner-2" })).toBe(false);
    expect(verifyReceipt(publicKey, { ...receipt, entryId: "ent_7QkR2mX9pM" })).toBe(false);
    expect(verifyReceipt(publicKey, { ...receipt, createdAt: "2026-12-04T10:15:30.124Z" })).toBe(false);
    // The same string read another way (a colon of createdAt taken into the entry id) is refused.
    const reread = { ...receipt, entryId: "ent_7QkR2mX9pL:2026-12-04T10", createdAt: "15:30.123Z" };
    expect(receiptMessage(reread)).toBe(receiptMessage(receipt));
    expect(verifyReceipt(publicKey, reread)).toBe(false);
    expect(() => signReceipt(KEY, { ...fields, entryId: "a:b" })).toThrow(/without ':'/);
  });

  it("fail with a changed signature, another key or malformed hex", () => {
    const receipt = signReceipt(KEY, fields);
    const flipped = (receipt.signature[0] === "0" ? "1" : "0") + receipt.signature.slice(1);
    expect(verifyReceipt(drawPublicKey(KEY), { ...receipt, signature: flipped })).toBe(false);
    expect(verifyReceipt(RFC_PUBLIC, receipt)).toBe(false);
    expect(verifyReceipt(drawPublicKey(KEY), { ...receipt, signature: "zz" })).toBe(false);
    expect(verifyReceipt("00", receipt)).toBe(false);
    // A key that is no point on the curve is not valid, not an exception.
    expect(verifyReceipt("ff".repeat(32), receipt)).toBe(false);
  });
});
