import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hmac } from "@/lib/auth/crypto";
import { issueShopperToken, requireShopper, verifyShopperToken } from "@/lib/auth/shopper";
import { AppError } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const replaceAt = (s: string, i: number) => s.slice(0, i) + (s[i] === "a" ? "b" : "a") + s.slice(i + 1);

describe("shopper tokens", () => {
  it("a fresh token verifies to its own shopper id", () => {
    const { shopperId, token } = issueShopperToken();
    expect(shopperId).toMatch(UUID);
    expect(token.startsWith(`${shopperId}.`)).toBe(true);
    expect(verifyShopperToken(token)).toBe(shopperId);
  });

  it("every token names a different shopper", () => {
    const ids = new Set(Array.from({ length: 100 }, () => issueShopperToken().shopperId));
    expect(ids.size).toBe(100);
  });

  it("a change to any single character of the token is refused", () => {
    const { token } = issueShopperToken();
    const refused = Array.from(token, (_c, i) => verifyShopperToken(replaceAt(token, i)));
    expect(refused).toEqual(Array.from(token, () => undefined));
  });

  it("a signature moved onto another shopper id is refused", () => {
    const a = issueShopperToken();
    const b = issueShopperToken();
    expect(verifyShopperToken(`${a.shopperId}.${b.token.split(".")[1]}`)).toBeUndefined();
  });

  it("a token signed with another secret is refused", () => {
    const id = randomUUID();
    expect(
      verifyShopperToken(`${id}.${hmac("another-deployment-secret-0123456789-xyz", `shopper:v1:${id}`)}`),
    ).toBeUndefined();
  });

  it("a signature for another scope (or none) is refused", () => {
    const id = randomUUID();
    const secret = process.env.SESSION_SECRET as string;
    expect(verifyShopperToken(`${id}.${hmac(secret, `shopper:v1:${id}`)}`)).toBe(id);
    expect(verifyShopperToken(`${id}.${hmac(secret, `admin:v1:${id}`)}`)).toBeUndefined();
    expect(verifyShopperToken(`${id}.${hmac(secret, id)}`)).toBeUndefined();
  });

  it("an id that is not a lowercase UUID is refused, even correctly signed", () => {
    const secret = process.env.SESSION_SECRET as string;
    for (const id of [
      randomUUID().toUpperCase(),
      "x".repeat(36),
      "../../../../../../../../../../etc/pw",
      "",
    ]) {
      expect(verifyShopperToken(`${id}.${hmac(secret, `shopper:v1:${id}`)}`)).toBeUndefined();
    }
  });

  it.each([undefined, "", ".", "abc", "a.b", `${randomUUID()}.`, `.${"A".repeat(43)}`])(
    "%j is refused",
    (token) => {
      expect(verifyShopperToken(token)).toBeUndefined();
    },
  );

  it("an extra segment is refused", () => {
    expect(verifyShopperToken(`${issueShopperToken().token}.extra`)).toBeUndefined();
  });
});

describe("requireShopper", () => {
  const req = (authorization?: string) =>
    new Request("http://test/", { headers: authorization ? { authorization } : {} });

  it("reads the shopper id from a Bearer token, whatever the scheme's case", () => {
    const { shopperId, token } = issueShopperToken();
    expect(requireShopper(req(`Bearer ${token}`))).toBe(shopperId);
    expect(requireShopper(req(`bearer ${token}`))).toBe(shopperId);
  });

  it.each([undefined, "Bearer", "Bearer ", "Basic abc", "Bearer a b", "Bearer not-a-token"])(
    "%j → 401 UNAUTHENTICATED",
    (auth) => {
      let caught: unknown;
      try {
        requireShopper(req(auth));
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect({ code: (caught as AppError).code, status: (caught as AppError).status }).toEqual({
        code: "UNAUTHENTICATED",
        status: 401,
      });
    },
  );
});
