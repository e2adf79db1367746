// Brands' pure pieces: the role order, member session values, and the password rules.
import { beforeAll, describe, expect, it } from "vitest";
import { createAdminSession, createMemberSession, readAdminSession } from "@/lib/auth/admin-session";
import { requireOwn } from "@/lib/auth/wall";
import { can, requireRole, type Principal } from "@/lib/brand/principal";
import { weakPasswordReason } from "@/lib/brand/passwords";
import { AppError } from "@/lib/errors";
import { inviteInput } from "@/lib/schemas/brand";

beforeAll(() => {
  process.env.ADMIN_TOKEN ??= "test-admin-token-0123456789";
  process.env.SESSION_SECRET ??= "test-session-secret-0123456789-abcdefghij";
});

const member = (role: "owner" | "manager" | "viewer"): Principal => ({
  kind: "member",
  memberId: "0123456789abcdef",
  accountId: "fedcba9876543210",
  brandId: "acme",
  role,
});
const codeOf = (f: () => void) => {
  try {
    f();
    return "ok";
  } catch (err) {
    return err instanceof AppError ? `${err.status} ${err.code}` : "other";
  }
};

describe("roles", () => {
  it("owner ⊇ manager ⊇ viewer; only the operator is the operator", () => {
    const table = (["viewer", "manager", "owner"] as const).map((r) =>
      (["viewer", "manager", "owner", "operator"] as const).map((need) => can(member(r), need)),
    );
    expect(table).toEqual([
      [true, false, false, false],
      [true, true, false, false],
      [true, true, true, false],
    ]);
    expect(can({ kind: "operator" }, "operator")).toBe(true);
    expect(codeOf(() => requireRole(member("viewer"), "manager"))).toBe("403 FORBIDDEN");
    // The wall: another brand's (or nothing) is a 404, the operator reaches every brand.
    expect(codeOf(() => requireOwn(member("owner"), "other", "brand"))).toBe("404 NOT_FOUND");
    expect(codeOf(() => requireOwn(member("owner"), undefined, "drop"))).toBe("404 NOT_FOUND");
    expect(codeOf(() => requireOwn(member("owner"), "acme", "drop"))).toBe("ok");
    expect(codeOf(() => requireOwn({ kind: "operator" }, "other", "brand"))).toBe("ok");
  });
});

describe("member session values", () => {
  it("carry the member id, verify until expiry, and refuse any change", () => {
    const now = Date.now();
    const { value, expiresAt } = createMemberSession("0123456789abcdef", now);
    expect(readAdminSession(value, now)).toEqual({
      nonce: value.split(".")[1],
      expiresAt,
      memberId: "0123456789abcdef",
    });
    expect(readAdminSession(value, expiresAt)).toBeUndefined();
    const [exp, nonce, id, sig] = value.split(".");
    expect(readAdminSession(`${exp}.${nonce}.fedcba9876543210.${sig}`, now)).toBeUndefined();
    expect(readAdminSession(`${exp}.${nonce}.${sig}`, now)).toBeUndefined();
    expect(readAdminSession(`${Number(exp) + 1}.${nonce}.${id}.${sig}`, now)).toBeUndefined();
    // The operator's value has no member id, and one cannot be turned into the other.
    const op = createAdminSession(now).value;
    expect(readAdminSession(op, now)?.memberId).toBeUndefined();
    const [oexp, ononce, osig] = op.split(".");
    expect(readAdminSession(`${oexp}.${ononce}.0123456789abcdef.${osig}`, now)).toBeUndefined();
  });
});

describe("passwords", () => {
  it("refuses short and common ones, accepts a long uncommon one", () => {
    for (const p of [
      "short",
      "elevenchars",
      "password1234",
      "Password2024!",
      "!!qwertyuiop!!",
      "zzzzzzzzzzzz",
      "abababababab",
    ])
      expect(weakPasswordReason(p), p).toBeDefined();
    expect(weakPasswordReason("correct-horse-battery-7Q")).toBeUndefined();
  });
});

describe("emails in brand bodies", () => {
  it("are trimmed and lowercased before they are judged", () => {
    expect(inviteInput.parse({ email: "  Ada@Example.COM ", role: "viewer" }).email).toBe("ada@example.com");
    expect(inviteInput.safeParse({ email: " not an email ", role: "viewer" }).success).toBe(false);
  });
});
