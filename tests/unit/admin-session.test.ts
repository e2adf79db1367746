import { beforeAll, describe, expect, it } from "vitest";
import { createAdminSession, SESSION_SECONDS, verifyAdminSession } from "@/lib/auth/admin-session";

describe("admin session value", () => {
  beforeAll(() => {
    process.env.ADMIN_TOKEN ??= "test-admin-token-0123456789";
    process.env.SESSION_SECRET ??= "test-session-secret-0123456789-abcdefghij";
  });

  it("verifies until its expiry, and not a millisecond after", () => {
    const now = 1_800_000_000_000;
    const { value, expiresAt } = createAdminSession(now);
    expect(expiresAt).toBe(now + SESSION_SECONDS * 1000);
    expect(verifyAdminSession(value, now)).toBe(true);
    expect(verifyAdminSession(value, expiresAt - 1)).toBe(true);
    expect(verifyAdminSession(value, expiresAt)).toBe(false);
  });

  it("refuses any change to the value", () => {
    const now = Date.now();
    const { value } = createAdminSession(now);
    const [exp, nonce, sig] = value.split(".");
    expect(verifyAdminSession(`${Number(exp) + 1000}.${nonce}.${sig}`, now)).toBe(false);
    expect(
      verifyAdminSession(`${exp}.${nonce!.replace(/^./, (c) => (c === "A" ? "B" : "A"))}.${sig}`, now),
    ).toBe(false);
    expect(
      verifyAdminSession(`${exp}.${nonce}.${sig!.replace(/.$/, (c) => (c === "A" ? "B" : "A"))}`, now),
    ).toBe(false);
    for (const junk of [undefined, "", "a.b.c", `${value}.x`, value.toUpperCase()])
      expect(verifyAdminSession(junk, now)).toBe(false);
  });

  it("refuses a value whose expiry is further out than a session lasts", () => {
    const now = Date.now();
    const { value } = createAdminSession(now + 60 * 60_000);
    expect(verifyAdminSession(value, now)).toBe(false);
  });

  it("is signed over the admin token: rotating ADMIN_TOKEN signs everyone out", async () => {
    const { value } = createAdminSession();
    const { env } = await import("@/lib/env");
    const cached = env();
    const original = cached.ADMIN_TOKEN;
    (cached as { ADMIN_TOKEN: string }).ADMIN_TOKEN = `${original}-rotated`;
    try {
      expect(verifyAdminSession(value)).toBe(false);
    } finally {
      (cached as { ADMIN_TOKEN: string }).ADMIN_TOKEN = original;
    }
    expect(verifyAdminSession(value)).toBe(true);
  });
});
