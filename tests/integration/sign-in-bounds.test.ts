// Sign-in's work is bounded (issue: hardening from an outside attack, hole 4): random emails run no
// hash at all, each process runs a few hashes at once and answers 503 past a short queue, and the
// platform's hashes per minute have a ceiling; a 503 is not counted as a guess.
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "@/lib/brand/passwords";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import { newBrand, newMember, PASSWORD, signIn } from "./brand-helpers";
import { ownTable } from "./helpers";

ownTable("droprush-test-sign-in-bounds");

/** The platform's count of password hashes in the minute from `window` (lib/security/limits.ts, passwordHashes). */
async function hashesIn(window: number): Promise<number> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.rateLimit("password-hash", "all", window),
      ConsistentRead: true,
    }),
  );
  return (Item?.hits as number | undefined) ?? 0;
}

async function hashesThisMinute() {
  const window = Math.floor(Date.now() / 60_000) * 60_000;
  return { window, hits: await hashesIn(window) };
}

/** Never start in a minute's last 10 s: the counts below are per minute. */
async function freshMinute() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 10_000) await new Promise((r) => setTimeout(r, left + 100));
}

describe("password hashes", () => {
  it("scrypt with a salt of its own; verifies only the same password", async () => {
    const a = await hashPassword("correct-horse-battery-7Q");
    const b = await hashPassword("correct-horse-battery-7Q");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(await verifyPassword("correct-horse-battery-7Q", a)).toBe(true);
    expect(await verifyPassword("correct-horse-battery-7q", a)).toBe(false);
    expect(await verifyPassword("correct-horse-battery-7Q", "plain")).toBe(false);
    expect(await verifyAgainstDummy("anything")).toBe(false);
  });
});

describe("sign-in under load", () => {
  it("200 sign-ins with random emails at once hash nothing and are all 401; a real owner among them signs in", async () => {
    const brand = await newBrand();
    const owner = await newMember(brand.id, "owner");
    await freshMinute();
    const before = await hashesThisMinute();
    const flood = Array.from({ length: 200 }, (_, i) =>
      signIn({ email: `random-${i}-${Date.now()}@example.com`, password: "whatever-it-is-1" }),
    );
    const real = signIn({ email: owner.email, password: PASSWORD });
    const answers = await Promise.all(flood);
    expect(answers.every((a) => a.status === 401 && a.body.error?.code === "UNAUTHENTICATED")).toBe(true);
    expect((await real).status).toBe(200);
    // The owner's hash, and no other, in this minute or (on a slow machine) the next.
    const after = (await hashesIn(before.window)) + (await hashesIn(before.window + 60_000));
    expect(after - before.hits).toBe(1);
  });

  it("a flood of real accounts' guesses past the process's bound is answered 503 + Retry-After at once, and not counted as guesses", async () => {
    const brand = await newBrand();
    const accounts = await Promise.all([1, 2, 3, 4].map(() => newMember(brand.id, "viewer")));
    // Each account's failures are counted per 5-minute window: never start in its last 20 s.
    const left = 300_000 - (Date.now() % 300_000);
    if (left < 20_000) await new Promise((r) => setTimeout(r, left + 100));
    const answers = await Promise.all(
      accounts.flatMap((a) =>
        Array.from({ length: 10 }, (_, i) =>
          signIn({ email: a.email, password: `wrong-guess-${i}-xxxx` }).then((res) => ({
            email: a.email,
            res,
          })),
        ),
      ),
    );
    const busy = answers.filter((a) => a.res.status === 503);
    expect(busy.length).toBeGreaterThanOrEqual(10); // 2 run at once, 8 wait: the rest are refused
    expect(
      busy.every((a) => a.res.body.error?.code === "UNAVAILABLE" && a.res.headers.get("retry-after") === "1"),
    ).toBe(true);
    expect(answers.filter((a) => a.res.status !== 503).every((a) => a.res.status === 401)).toBe(true);
    // A 503 was no guess: each account's count of failures holds its 401s only.
    const window = Math.floor(Date.now() / 300_000) * 300_000;
    for (const a of accounts) {
      const { Item } = await db().send(
        new GetCommand({
          TableName: tableName(),
          Key: keys.rateLimit("signin-account", a.email, window),
          ConsistentRead: true,
        }),
      );
      const wrong = answers.filter((x) => x.email === a.email && x.res.status === 401).length;
      expect(Item?.hits ?? 0, a.email).toBe(wrong);
    }
  });

  it("past the platform's hashes per minute, sign-in is 503 for real and unknown emails alike", async () => {
    const brand = await newBrand();
    const owner = await newMember(brand.id, "owner");
    await freshMinute();
    const { window } = await hashesThisMinute();
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.rateLimit("password-hash", "all", window), hits: 600 },
      }),
    );
    const real = await signIn({ email: owner.email, password: PASSWORD });
    const unknown = await signIn({ email: "nobody-at-all@example.com", password: PASSWORD });
    expect([real.status, real.body.error?.code]).toEqual([503, "UNAVAILABLE"]);
    expect([unknown.status, unknown.body.error?.code]).toEqual([503, "UNAVAILABLE"]);
    expect(Number(real.headers.get("retry-after"))).toBeGreaterThan(0);
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.rateLimit("password-hash", "all", window), hits: 0 },
      }),
    );
  });
});
