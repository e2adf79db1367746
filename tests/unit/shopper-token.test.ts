import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hmac } from "@/lib/security/crypto";
import { issueShopperToken, requireShopper, verifyShopperToken } from "@/lib/auth/shopper";
import { rehearsesOn } from "@/lib/stock/status";
import { AppError } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const replaceAt = (s: string, i: number) => s.slice(0, i) + (s[i] === "a" ? "b" : "a") + s.slice(i + 1);
const secret = () => process.env.SESSION_SECRET as string;
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
/** A token signed as the server signs them, with any parts. */
const signed = (id: string, expires: number | string, mark: string, scope = "shopper:v3:") =>
  `${id}.${expires}.${mark}.${hmac(secret(), `${scope}${id}.${expires}.${mark}`)}`;

describe("shopper tokens", () => {
  it("a fresh token verifies to its own shopper id, a guest unless minted as a brand's or the operator's rehearsal", () => {
    const { shopperId, token, rehearsal } = issueShopperToken();
    expect(shopperId).toMatch(UUID);
    expect(rehearsal).toBe(false);
    expect(token.startsWith(`${shopperId}.`)).toBe(true);
    expect(token.split(".")[2]).toBe("g");
    expect(verifyShopperToken(token)).toEqual({ shopperId });
    const ofBrand = issueShopperToken({ rehearsal: { brandId: "acme-shoes" } });
    expect(ofBrand.rehearsal).toBe(true);
    expect(ofBrand.token.split(".")[2]).toBe("b-acme-shoes");
    expect(verifyShopperToken(ofBrand.token)).toEqual({
      shopperId: ofBrand.shopperId,
      rehearsal: { brandId: "acme-shoes" },
    });
    const ofOperator = issueShopperToken({ rehearsal: "operator" });
    expect(verifyShopperToken(ofOperator.token)).toEqual({
      shopperId: ofOperator.shopperId,
      rehearsal: "operator",
    });
  });

  it("a token runs out after SHOPPER_TOKEN_HOURS (24 by default), and says when", () => {
    const now = Date.parse("2026-12-02T10:00:00Z");
    const { token, expiresAt } = issueShopperToken({ now });
    expect(expiresAt).toBe("2026-12-03T10:00:00.000Z");
    expect(verifyShopperToken(token, Date.parse(expiresAt) - 1000)).toBeDefined();
    expect(verifyShopperToken(token, Date.parse(expiresAt))).toBeUndefined();
  });

  it("a guest cannot make itself a rehearsal shopper or extend its expiry; a brand's cannot change brand", () => {
    const { token } = issueShopperToken();
    const [id, expires, , sig] = token.split(".");
    for (const mark of ["r", "o", "b-acme-shoes"])
      expect(verifyShopperToken(`${id}.${expires}.${mark}.${sig}`)).toBeUndefined();
    expect(verifyShopperToken(`${id}.${Number(expires) + 86_400}.g.${sig}`)).toBeUndefined();
    const ofBrand = issueShopperToken({ rehearsal: { brandId: "brand-b" } }).token.split(".");
    for (const mark of ["o", "b-brand-a", "g"])
      expect(verifyShopperToken([ofBrand[0], ofBrand[1], mark, ofBrand[3]].join("."))).toBeUndefined();
  });

  it("a token of the previous format (no brand in its mark) is read as a guest until it runs out", () => {
    const id = randomUUID();
    const v2 = (mark: string, expires = inAnHour()) => signed(id, expires, mark, "shopper:v2:");
    expect(verifyShopperToken(v2("g"))).toEqual({ shopperId: id });
    expect(verifyShopperToken(v2("r"))).toEqual({ shopperId: id }); // a rehearsal of then: excused nowhere
    expect(verifyShopperToken(v2("o"))).toBeUndefined();
    expect(verifyShopperToken(v2("b-acme"))).toBeUndefined();
    expect(verifyShopperToken(v2("g", Math.floor(Date.now() / 1000) - 1))).toBeUndefined();
    // "r" means nothing in the current format.
    expect(verifyShopperToken(signed(id, inAnHour(), "r"))).toBeUndefined();
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
    expect(verifyShopperToken(signed(id, exp, "g"))).toEqual({ shopperId: id });
    const other = "another-deployment-secret-0123456789-xyz";
    expect(verifyShopperToken(`${id}.${exp}.g.${hmac(other, `shopper:v3:${id}.${exp}.g`)}`)).toBeUndefined();
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
      [inAnHour(), "b-"],
      [inAnHour(), "b-UPPER"],
      [inAnHour(), "b--dash"],
      [inAnHour(), `b-${"a".repeat(65)}`],
      [inAnHour(), "b"],
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
    expect(requireShopper(req(`Bearer ${token}`))).toEqual({ shopperId });
    expect(requireShopper(req(`bearer ${token}`))).toEqual({ shopperId });
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

describe("rehearsesOn: who skips the defences where", () => {
  const race = (brandId?: string) => ({ rehearsal: true, ...(brandId ? { brandId } : {}) });
  it("a brand's rehearsal shopper on that brand's rehearsal drops only; the operator's on every brand's", () => {
    expect(rehearsesOn({ brandId: "a" }, race("a"))).toBe(true);
    expect(rehearsesOn({ brandId: "b" }, race("a"))).toBe(false);
    expect(rehearsesOn("operator", race("a"))).toBe(true);
    expect(rehearsesOn(undefined, race("a"))).toBe(false);
  });

  it("nobody on a drop that is no rehearsal; only the operator's on a rehearsal from before brands rode on it", () => {
    for (const r of [{ brandId: "a" }, "operator" as const, undefined])
      expect(rehearsesOn(r, { brandId: "a" })).toBe(false);
    expect(rehearsesOn({ brandId: "a" }, race())).toBe(false);
    expect(rehearsesOn("operator", race())).toBe(true);
    expect(rehearsesOn("operator", undefined)).toBe(false);
  });
});
