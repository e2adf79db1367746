// Rate limits (issue 12) live in the table, so they hold across instances; guests are counted per
// address (behind a trusted proxy, by x-forwarded-for read from the right, IPv6 by /64), an admin's rehearsal
// shoppers are not; repeated wrong admin tokens lock one address out, not another.
import { execFile } from "node:child_process";
import { randomInt } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET as listDropsRoute } from "@/app/api/admin/drops/route";
import { POST as signInRoute } from "@/app/api/admin/session/route";
import { POST as confirmRoute } from "@/app/api/claims/[claimId]/confirm/route";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { POST as mintRoute } from "@/app/api/shoppers/route";
import type { Shopper } from "@/lib/schemas/claim";
import { addressBucket } from "@/lib/security/client-address";
import { consume } from "@/lib/security/rate-limit";
import { mintAs, newBrand, newMember } from "./brand-helpers";
import { adminToken, call, createDrop, dropState } from "./helpers";

const before = process.env.TRUST_PROXY;
process.env.TRUST_PROXY = "1"; // read by lib/env.ts on first use in this file
process.env.CLAIM_LIMIT = "20";
process.env.CONFIRM_LIMIT = "3";
afterAll(() => {
  if (before === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = before;
});

/** The limits' windows are fixed (1, 10 and 15 min): never start a test in a window's last 15 s. */
beforeEach(async () => {
  for (const windowMs of [60_000, 600_000, 900_000]) {
    const left = windowMs - (Date.now() % windowMs);
    if (left < 15_000) await new Promise((r) => setTimeout(r, left + 100));
  }
}, 20_000);

const address = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;
const mint = (ip: string, token?: string) =>
  call(mintRoute, { path: "/api/shoppers", method: "POST", headers: { "x-forwarded-for": ip }, token });

describe("minting guest shoppers", () => {
  it("one address minting 1,000 guests is refused past the limit (60 per 10 min), with Retry-After; another address is not", async () => {
    const ip = address();
    const answers = [];
    for (let i = 0; i < 1000; i += 50)
      answers.push(...(await Promise.all(Array.from({ length: 50 }, () => mint(ip)))));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(60);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(940);
    expect(refused[0]!.body.error?.code).toBe("RATE_LIMITED");
    expect(Number(refused[0]!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await mint(address())).status).toBe(201);
  });

  it("an admin's rehearsal shoppers are not counted; a wrong admin token is refused, not taken for a guest", async () => {
    const ip = address();
    const rehearsal = await Promise.all(Array.from({ length: 100 }, () => mint(ip, adminToken())));
    expect(rehearsal.every((a) => a.status === 201)).toBe(true);
    expect((await mint(ip, "not-the-admin-token-at-all")).status).toBe(401);
  });

  it("a client's own x-forwarded-for entries and ports do not make it a new address: the proxy's entry counts", async () => {
    // Behind one appending proxy (nginx, an ALB; TRUSTED_PROXY_HOPS 1): the client wrote the left.
    const ip = address();
    const spoofed = (i: number) => `${address()}, 10.0.0.${i % 256}:${1024 + i}, ${ip}:${2000 + i}`;
    const answers = [];
    for (let i = 0; i < 70; i += 10)
      answers.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => mint(spoofed(i + j))))));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(60);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(10);
    expect((await mint(`[2001:db8:${randomInt(65536).toString(16)}::1]:443`)).status).toBe(201);
  });

  it("counts IPv6 by its /64", () => {
    expect(addressBucket("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8:1:2::9")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(addressBucket("192.0.2.7")).toBe("192.0.2.7");
  });
});

it("two instances on one database enforce one limit: this process and a child process, 40 requests each, limit 50", async () => {
  const key = address();
  const l = { name: "shared-test", limit: 50, windowSeconds: 600 };
  const child = promisify(execFile)(
    join(process.cwd(), "node_modules", ".bin", "tsx"),
    [
      "--conditions=react-server",
      "tests/integration/fixtures/consume.ts",
      l.name,
      String(l.limit),
      key,
      "40",
    ],
    { env: process.env },
  );
  const mine = await Promise.all(
    Array.from({ length: 40 }, () =>
      consume(l, key).then(
        () => true,
        () => false,
      ),
    ),
  );
  const theirs = Number((await child).stdout.match(/LET_THROUGH (\d+)/)![1]);
  expect(mine.filter(Boolean).length + theirs).toBe(50);
});

describe("admin sign-in", () => {
  it("ten wrong tokens lock that address out, even with the right token; another address still signs in", async () => {
    const [attacker, admin] = [address(), address()];
    const signIn = (ip: string, token: string) =>
      call(signInRoute, { path: "/api/admin/session", headers: { "x-forwarded-for": ip }, json: { token } });
    for (let i = 0; i < 10; i++)
      expect((await signIn(attacker, `wrong-token-${i}-xxxxxxxx`)).status).toBe(401);
    const locked = await signIn(attacker, adminToken());
    expect(locked.status).toBe(429);
    expect(locked.body.error?.code).toBe("RATE_LIMITED");
    expect((await signIn(admin, adminToken())).status).toBe(200);
  });

  it("thirty wrong tokens at once from one address: at most ten are even compared", async () => {
    const ip = address();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(signInRoute, {
          path: "/api/admin/session",
          headers: { "x-forwarded-for": ip },
          json: { token: `parallel-guess-${i}-xxxxxxxx` },
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 401)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(20);
  });
});

describe("admin credentials in the Bearer header", () => {
  const listFrom = (ip: string, token: string) =>
    call(listDropsRoute, { path: "/api/admin/drops", headers: { "x-forwarded-for": ip }, token });

  it("wrong operator and API tokens count against the sign-in limit: past ten, the address is refused even with the right token", async () => {
    const [attacker, admin] = [address(), address()];
    for (let i = 0; i < 10; i++) {
      const guess = i % 2 ? `drb_${"0".repeat(16)}_${"A".repeat(43)}` : `wrong-token-${i}-xxxxxxxx`;
      expect((await listFrom(attacker, guess)).status).toBe(401);
    }
    const locked = await listFrom(attacker, adminToken());
    expect([locked.status, locked.body.error?.code]).toEqual([429, "RATE_LIMITED"]);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Shared with the sign-in form: the same address is locked out there too.
    const form = await call(signInRoute, {
      path: "/api/admin/session",
      headers: { "x-forwarded-for": attacker },
      json: { token: adminToken() },
    });
    expect(form.status).toBe(429);
    expect((await listFrom(admin, adminToken())).status).toBe(200);
  });

  it("two hundred parallel guesses, then the right token: refused", async () => {
    const ip = address();
    const guesses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => listFrom(ip, `parallel-bearer-guess-${i}-xxxxxxxx`)),
    );
    expect(guesses.every((g) => g.status === 401 || g.status === 429)).toBe(true);
    expect((await listFrom(ip, adminToken())).status).toBe(429);
  });

  it("a right token is not counted: a script's thousand requests never lock its address out", async () => {
    const ip = address();
    for (let i = 0; i < 40; i += 20)
      await Promise.all(Array.from({ length: 20 }, () => listFrom(ip, adminToken())));
    for (let i = 0; i < 9; i++) expect((await listFrom(ip, `one-wrong-${i}-xxxxxxxxxx`)).status).toBe(401);
    expect((await listFrom(ip, adminToken())).status).toBe(200);
  });
});

describe("claims and checkouts per address", () => {
  const guestAt = async (ip: string) => (await mint(ip)).body as unknown as Shopper;
  const claimFrom = (ip: string, dropId: string, s: Shopper) =>
    call(claimRoute, { params: { id: dropId }, token: s.token, headers: { "x-forwarded-for": ip } });

  it("one address's guests claim up to CLAIM_LIMIT a minute (here 20), then 429 with nothing taken; other addresses are not held back, nor rehearsal shoppers on a rehearsal drop", async () => {
    const drop = await createDrop({ totalStock: 100, maxPerShopper: 100, botDefence: "off" });
    const ip = address();
    const guests = await Promise.all([guestAt(ip), guestAt(ip), guestAt(ip)]);
    const answers = [];
    for (let i = 0; i < 30; i++) answers.push(await claimFrom(ip, drop.id, guests[i % 3]!));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(20);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(10);
    expect(refused[0]!.body.error?.code).toBe("RATE_LIMITED");
    expect(Number(refused[0]!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await dropState(drop.id))?.remainingStock).toBe(80);

    const elsewhere = address();
    expect((await claimFrom(elsewhere, drop.id, await guestAt(elsewhere))).status).toBe(201);
    // A rehearsal shopper is held back like a guest on a real drop, not on a rehearsal drop.
    const rehearsal = (await mint(ip, adminToken())).body as unknown as Shopper;
    expect((await claimFrom(ip, drop.id, rehearsal)).status).toBe(429);
    const race = await createDrop({ totalStock: 5, botDefence: "off", rehearsal: true });
    expect((await claimFrom(ip, race.id, rehearsal)).status).toBe(201);
  });

  it("a brand's rehearsal shoppers skip the address's limit on that brand's rehearsal drops only", async () => {
    const [a, b] = [await newBrand("Limits A"), await newBrand("Limits B")];
    const [ofA, ofB] = [
      await mintAs((await newMember(a.id, "manager")).cookie),
      await mintAs((await newMember(b.id, "manager")).cookie),
    ];
    const raceOfA = await createDrop({ totalStock: 5, botDefence: "off", rehearsal: true, brandId: a.id });
    const ip = address();
    const spend = await createDrop({ totalStock: 100, maxPerShopper: 100, botDefence: "off" });
    const g = await guestAt(ip);
    for (let i = 0; i < 20; i++) await claimFrom(ip, spend.id, g); // the address's limit is spent
    const refused = await claimFrom(ip, raceOfA.id, ofB);
    expect(refused.body.error?.code).toBe("RATE_LIMITED");
    expect((await claimFrom(ip, raceOfA.id, ofA)).status).toBe(201);
    expect((await dropState(raceOfA.id))?.remainingStock).toBe(4);
  });

  it("a winner's keyed retry from an address past its limit is still told it won", async () => {
    const drop = await createDrop({ totalStock: 5, botDefence: "off" });
    const ip = address();
    const s = await guestAt(ip);
    const keyed = () =>
      call(claimRoute, {
        params: { id: drop.id },
        token: s.token,
        headers: { "x-forwarded-for": ip, "idempotency-key": "the-click" },
      });
    const won = await keyed();
    expect(won.status).toBe(201);
    const others = await Promise.all([guestAt(ip), guestAt(ip)]);
    for (let i = 0; i < 25; i++) await claimFrom(ip, drop.id, others[i % 2]!); // the address's limit is spent
    const retry = await keyed();
    expect({ status: retry.status, id: retry.body.claim?.id }).toEqual({
      status: 200,
      id: won.body.claim?.id,
    });
  });

  it("checkouts from one address: CONFIRM_LIMIT a minute (here 3), counted before the claim is even looked up", async () => {
    const ip = address();
    const s = await guestAt(ip);
    const confirm = () =>
      call(confirmRoute, {
        params: { claimId: "AAAAAAAAAAAAAAAAAAAAAA" },
        token: s.token,
        headers: { "x-forwarded-for": ip },
        json: { name: "Ada", email: "ada@example.com", shippingAddress: "1 Loop Road, Testville" },
      });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await confirm()).status);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
  });
});
