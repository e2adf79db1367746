import { beforeAll, describe, expect, it } from "vitest";
import { createAdminSession, readAdminSession, SESSION_SECONDS } from "@/lib/auth/admin-session";

const verifies = (value: string | undefined, now?: number) => readAdminSession(value, now) !== undefined;

describe("admin session value", () => {
  beforeAll(() => {
    process.env.ADMIN_TOKEN ??= "test-admin-token-0123456789";
    process.env.SESSION_SECRET ??= "test-session-secret-0123456789-abcdefghij";
  });

  it("verifies until its expiry, and not a millisecond after", () => {
    const now = 1_800_000_000_000;
    const { value, expiresAt } = createAdminSession(now);
    expect(expiresAt).toBe(now + SESSION_SECONDS * 1000);
    expect(readAdminSession(value, now)).toEqual({ nonce: value.split(".")[1], expiresAt });
    expect(verifies(value, expiresAt - 1)).toBe(true);
    expect(verifies(value, expiresAt)).toBe(false);
  });

  it("refuses any change to the value", () => {
    const now = Date.now();
    const { value } = createAdminSession(now);
    const [exp, nonce, sig] = value.split(".");
    expect(verifies(`${Number(exp) + 1000}.${nonce}.${sig}`, now)).toBe(false);
    expect(verifies(`${exp}.${nonce!.replace(/^./, (c) => (c === "A" ? "B" : "A"))}.${sig}`, now)).toBe(
      false,
    );
    expect(verifies(`${exp}.${nonce}.${sig!.replace(/.$/, (c) => (c === "A" ? "B" : "A"))}`, now)).toBe(
      false,
    );
    for (const junk of [undefined, "", "a.b.c", `${value}.x`, value.toUpperCase()])
      expect(verifies(junk, now)).toBe(false);
  });

  it("refuses a value whose expiry is further out than a session lasts", () => {
    const now = Date.now();
    const { value } = createAdminSession(now + 60 * 60_000);
    expect(verifies(value, now)).toBe(false);
  });

  it("is signed over the admin token: rotating ADMIN_TOKEN signs everyone out", async () => {
    const { value } = createAdminSession();
    const { env } = await import("@/lib/env");
    const cached = env();
    const original = cached.ADMIN_TOKEN;
    (cached as { ADMIN_TOKEN: string }).ADMIN_TOKEN = `${original}-rotated`;
    try {
      expect(verifies(value)).toBe(false);
    } finally {
      (cached as { ADMIN_TOKEN: string }).ADMIN_TOKEN = original;
    }
    expect(verifies(value)).toBe(true);
  });
});
