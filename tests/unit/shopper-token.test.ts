import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hmac } from "@/lib/auth/crypto";
import { issueShopperToken, requireShopper, verifyShopperToken } from "@/lib/auth/shopper";
import { AppError } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const replaceAt = (s: string, i: number) => s.slice(0, i) + (s[i] === "a" ? "b" : "a") + s.slice(i + 1);
const secret = () => process.env.SESSION_SECRET as string;
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
/** A token signed as the server signs them, with any parts. */
const signed = (id: string, expires: number | string, mark: string, scope = "shopper:v2:") =>
  `${id}.${expires}.${mark}.${hmac(secret(), `${scope}${id}.${expires}.${mark}`)}`;

describe("shopper tokens", () => {
  it("a fresh token verifies to its own shopper id, a guest unless minted as a rehearsal", () => {
    const { shopperId, token, rehearsal } = issueShopperToken();
    expect(shopperId).toMatch(UUID);
    expect(rehearsal).toBe(false);
    expect(token.startsWith(`${shopperId}.`)).toBe(true);
    expect(verifyShopperToken(token)).toEqual({ shopperId, rehearsal: false });
    const r = issueShopperToken({ rehearsal: true });
    expect(verifyShopperToken(r.token)).toEqual({ shopperId: r.shopperId, rehearsal: true });
  });

  it("a token runs out after SHOPPER_TOKEN_HOURS (24 by default), and says when", () => {
    const now = Date.parse("2026-12-02T10:00:00Z");
    const { token, expiresAt } = issueShopperToken({ now });
    expect(expiresAt).toBe("2026-12-03T10:00:00.000Z");
    expect(verifyShopperToken(token, Date.parse(expiresAt) - 1000)).toBeDefined();
    expect(verifyShopperToken(token, Date.parse(expiresAt))).toBeUndefined();
  });

  it("a guest cannot make itself a rehearsal shopper or extend its expiry", () => {
    const { token } = issueShopperToken();
    const [id, expires, , sig] = token.split(".");
    expect(verifyShopperToken(`${id}.${expires}.r.${sig}`)).toBeUndefined();
    expect(verifyShopperToken(`${id}.${Number(expires) + 86_400}.g.${sig}`)).toBeUndefined();
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
    const [, expires, mark, sig] = b.token.split(".");
    expect(verifyShopperToken(`${a.shopperId}.${expires}.${mark}.${sig}`)).toBeUndefined();
  });

  it("a token signed with another secret, or for another scope, is refused", () => {
    const id = randomUUID();
    const exp = inAnHour();
    expect(verifyShopperToken(signed(id, exp, "g"))).toEqual({ shopperId: id, rehearsal: false });
    const other = "another-deployment-secret-0123456789-xyz";
    expect(verifyShopperToken(`${id}.${exp}.g.${hmac(other, `shopper:v2:${id}.${exp}.g`)}`)).toBeUndefined();
    expect(verifyShopperToken(signed(id, exp, "g", "admin:v1:"))).toBeUndefined();
    expect(verifyShopperToken(signed(id, exp, "g", ""))).toBeUndefined();
  });

  it("a token of the first format (no expiry, no mark) is refused", () => {
    const id = randomUUID();
    expect(verifyShopperToken(`${id}.${hmac(secret(), `shopper:v1:${id}`)}`)).toBeUndefined();
  });

  it("an id that is not a lowercase UUID, or an odd expiry or mark, is refused, even correctly signed", () => {
    for (const id of [randomUUID().toUpperCase(), "x".repeat(36), "../../../../../../../../../../etc/pw", ""])
      expect(verifyShopperToken(signed(id, inAnHour(), "g"))).toBeUndefined();
    const id = randomUUID();
    for (const [exp, mark] of [
      ["1e12", "g"],
      ["-5", "g"],
      ["", "g"],
      [inAnHour(), "a"],
      [inAnHour(), ""],
    ] as const)
      expect(verifyShopperToken(signed(id, exp, mark))).toBeUndefined();
  });

  it.each([undefined, "", ".", "abc", "a.b", "a.b.c", `${randomUUID()}...`, `.${"A".repeat(43)}`])(
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

  it("reads the shopper from a Bearer token, whatever the scheme's case", () => {
    const { shopperId, token } = issueShopperToken();
    expect(requireShopper(req(`Bearer ${token}`))).toEqual({ shopperId, rehearsal: false });
    expect(requireShopper(req(`bearer ${token}`))).toEqual({ shopperId, rehearsal: false });
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
