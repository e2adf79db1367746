// Proof of work (issue 12): on a "pow" drop a guest's claim carries a solved ALTCHA challenge,
// bound to the drop and the shopper, short-lived and single-use. Missing, forged, expired, reused
// or someone else's: a 4xx and nothing taken. Rehearsal shoppers are not asked; retries of a
// claim that won are still told they won. The challenge gets harder as the drop is pressed.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as createDropRoute } from "@/app/api/admin/drops/route";
import { POST as pauseRoute } from "@/app/api/admin/drops/[id]/pause/route";
import { PATCH as patchDropRoute } from "@/app/api/admin/drops/[id]/route";
import { GET as metricsRoute } from "@/app/api/admin/drops/[id]/metrics/route";
import { GET as challengeRoute } from "@/app/api/drops/[id]/challenge/route";
import { POST as releaseRoute } from "@/app/api/claims/[claimId]/release/route";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { POST as mintRoute } from "@/app/api/shoppers/route";
import { flushAttemptCounts } from "@/lib/attempts/counts";
import { invalidateDropState } from "@/lib/stock/cache";
import { CALM_MAX_NUMBER } from "@/lib/security/pow-difficulty";
import { issueChallenge, type AltchaChallenge } from "@/lib/security/pow";
import type { Shopper } from "@/lib/schemas/claim";
import { mintAs, newBrand, newMember } from "./brand-helpers";
import {
  adminToken,
  call,
  createDrop as createAnyDrop,
  dropInput,
  dropState,
  mintShopper,
  ownTable,
  scanTable,
  storedClaims,
} from "./helpers";

ownTable("droprush-test-pow");

/** A drop with the proof of work on (the API's default; the test helper's is off). */
const createDrop = (input: Parameters<typeof createAnyDrop>[0] = {}) =>
  createAnyDrop({ botDefence: "pow", ...input });

/** A guest, minted without an admin credential (no trusted proxy here: no mint limit). */
async function guest(): Promise<Shopper> {
  const res = await call(mintRoute, { path: "/api/shoppers", method: "POST" });
  expect(res.status).toBe(201);
  const shopper = res.body as unknown as Shopper;
  expect(shopper.rehearsal).toBe(false);
  return shopper;
}

const getChallenge = async (dropId: string, s: Shopper) => {
  const res = await call(challengeRoute, { params: { id: dropId }, token: s.token });
  expect(res.status).toBe(200);
  return res.body as unknown as AltchaChallenge;
};

/** Solves as a bot would: native SHA-256 over salt + n. Returns the X-Altcha header. */
function solve(c: AltchaChallenge, number?: number): string {
  let n = number ?? 0;
  if (number === undefined)
    while (
      createHash("sha256")
        .update(c.salt + n)
        .digest("hex") !== c.challenge
    )
      n++;
  const { algorithm, challenge, salt, signature } = c;
  return Buffer.from(JSON.stringify({ algorithm, challenge, number: n, salt, signature })).toString("base64");
}

const claim = (dropId: string, s: Shopper, altcha?: string, key?: string) =>
  call(claimRoute, {
    params: { id: dropId },
    token: s.token,
    headers: {
      ...(altcha === undefined ? {} : { "x-altcha": altcha }),
      ...(key ? { "idempotency-key": key } : {}),
    },
  });

describe("proof of work on a drop", () => {
  it("drops ask for it by default; a guest's claim with a solved challenge takes a unit, and is counted as solved", async () => {
    const created = await call(createDropRoute, {
      path: "/api/admin/drops",
      token: adminToken(),
      json: { ...dropInput({ totalStock: 3 }), botDefence: undefined }, // the API's default
    });
    const drop = created.body.drop!;
    expect(drop.botDefence).toBe("pow");
    const s = await guest();
    const c = await getChallenge(drop.id, s);
    expect(c).toMatchObject({ algorithm: "SHA-256", maxnumber: CALM_MAX_NUMBER });
    const res = await claim(drop.id, s, solve(c));
    expect(res.status).toBe(201);
    expect((await dropState(drop.id))?.remainingStock).toBe(2);
    await flushAttemptCounts({ all: true });
    await new Promise((r) => setTimeout(r, 1100)); // the live view's 1 s cache
    const metrics = await call(metricsRoute, { params: { id: drop.id }, token: adminToken() });
    expect(metrics.body.counts).toMatchObject({ CLAIMED: 1, SOLVED: 1, CHALLENGES: 1 });
  });

  it("missing, forged, expired, or for another drop or shopper: 428/403 and nothing taken", async () => {
    const drop = await createDrop({ totalStock: 5 });
    const other = await createDrop({ totalStock: 5 });
    const s = await guest();
    const t = await guest();
    // The attempt counters (flushed every second) count these refusals; nothing else may change.
    const items = async () => (await scanTable()).filter((i) => !String(i.pk).startsWith("ATTEMPTS#"));
    const before = await items();

    const missing = await claim(drop.id, s);
    expect(missing.status).toBe(428);
    expect(missing.body.error?.code).toBe("CHALLENGE_REQUIRED");

    const c = await getChallenge(drop.id, s);
    const good = solve(c);
    const wrongNumber = solve(c, (JSON.parse(Buffer.from(good, "base64").toString()).number + 1) % 1001);
    const decoded = JSON.parse(Buffer.from(good, "base64").toString());
    const tamperedSalt = Buffer.from(
      JSON.stringify({ ...decoded, salt: decoded.salt.replace(s.shopperId, t.shopperId) }),
    ).toString("base64");
    const forgedSignature = Buffer.from(JSON.stringify({ ...decoded, signature: "0".repeat(64) })).toString(
      "base64",
    );
    const expired = solve(
      await issueChallenge({
        dropId: drop.id,
        shopperId: s.shopperId,
        maxNumber: 1000,
        now: Date.now() - 121_000,
      }),
    );
    const forOtherDrop = solve(await getChallenge(other.id, s));
    const forOtherShopper = solve(await getChallenge(drop.id, t));
    for (const [altcha, what] of [
      [wrongNumber, "wrong number"],
      [tamperedSalt, "salt bound to another shopper"],
      [forgedSignature, "forged signature"],
      [expired, "expired"],
      [forOtherDrop, "another drop's"],
      [forOtherShopper, "another shopper's"],
      ["not base64 json!", "garbage"],
      [
        Buffer.from(JSON.stringify({ ...decoded, algorithm: "SHA-1" })).toString("base64"),
        "another algorithm",
      ],
      ["A".repeat(5000), "too long"],
    ] as const) {
      const res = await claim(drop.id, s, altcha, `key-${what.replaceAll(" ", "-").replaceAll("'", "")}`);
      expect({ what, status: res.status, code: res.body.error?.code }).toEqual({
        what,
        status: 403,
        code: "CHALLENGE_INVALID",
      });
    }
    expect(await items()).toEqual(before);
    expect((await dropState(drop.id))?.remainingStock).toBe(5);
  });

  it("a solution is spent once: reused with another key, or without one, it takes nothing", async () => {
    const drop = await createDrop({ totalStock: 5, maxPerShopper: 3 });
    const s = await guest();
    const altcha = solve(await getChallenge(drop.id, s));
    expect((await claim(drop.id, s, altcha, "first-click")).status).toBe(201);
    for (const key of ["second-click", undefined]) {
      const again = await claim(drop.id, s, altcha, key);
      expect({ status: again.status, code: again.body.error?.code }).toEqual({
        status: 403,
        code: "CHALLENGE_INVALID",
      });
    }
    expect((await dropState(drop.id))?.remainingStock).toBe(4);
    expect(await storedClaims(drop.id)).toHaveLength(1);
  });

  it("a retry of a claim that won, with its key and the same solution, is told it won (even once the challenge ran out)", async () => {
    const drop = await createDrop({ totalStock: 2 });
    const s = await guest();
    const altcha = solve(await getChallenge(drop.id, s));
    const first = await claim(drop.id, s, altcha, "the-intent");
    expect(first.status).toBe(201);
    const retry = await claim(drop.id, s, altcha, "the-intent");
    expect({ status: retry.status, id: retry.body.claim?.id }).toEqual({
      status: 200,
      id: first.body.claim?.id,
    });

    // Its answer lost for two minutes: the solution it carries has run out, the claim stands.
    const late = solve(
      await issueChallenge({
        dropId: drop.id,
        shopperId: s.shopperId,
        maxNumber: 1000,
        now: Date.now() - 121_000,
      }),
    );
    const lateRetry = await claim(drop.id, s, late, "the-intent");
    expect({ status: lateRetry.status, id: lateRetry.body.claim?.id }).toEqual({
      status: 200,
      id: first.body.claim?.id,
    });
    // With no won claim behind its key, the same expired solution takes nothing.
    const fresh = await claim(drop.id, s, late, "another-intent");
    expect(fresh.body.error?.code).toBe("CHALLENGE_INVALID");
    expect((await dropState(drop.id))?.remainingStock).toBe(1);
  });

  it("a drop that cannot sell now says so first: sold out, or paused, to a claim without a solution", async () => {
    const drop = await createDrop({ totalStock: 1 });
    const s = await guest();
    expect((await claim(drop.id, s, solve(await getChallenge(drop.id, s)))).status).toBe(201);
    invalidateDropState(drop.id);
    expect((await claim(drop.id, await guest())).body.error?.code).toBe("SOLD_OUT");

    const paused = await createDrop({ totalStock: 1 });
    expect(
      (await call(pauseRoute, { params: { id: paused.id }, token: adminToken(), json: {} })).status,
    ).toBe(200);
    expect((await claim(paused.id, await guest())).body.error?.code).toBe("PAUSED");
  });

  it("a winner's keyed retry is told it won even after the drop was switched to pow, with no solution", async () => {
    const drop = await createDrop({ totalStock: 2, botDefence: "off" });
    const s = await guest();
    const first = await claim(drop.id, s, undefined, "before-the-switch");
    expect(first.status).toBe(201);
    await call(patchDropRoute, {
      method: "PATCH",
      params: { id: drop.id },
      token: adminToken(),
      json: { botDefence: "pow" },
    });
    const retry = await claim(drop.id, s, undefined, "before-the-switch");
    expect({ status: retry.status, id: retry.body.claim?.id }).toEqual({
      status: 200,
      id: first.body.claim?.id,
    });
    expect((await claim(drop.id, s, undefined, "a-new-intent")).body.error?.code).toBe("CHALLENGE_REQUIRED");
  });

  it("a solution refused for good (at the limit) is done: the same key and solution cannot take a unit later", async () => {
    const drop = await createDrop({ totalStock: 5, maxPerShopper: 2 });
    const s = await guest();
    const held = [];
    for (const key of ["k1", "k2"]) {
      const res = await claim(drop.id, s, solve(await getChallenge(drop.id, s)), key);
      expect(res.status).toBe(201);
      held.push(res.body.claim!);
    }
    const third = solve(await getChallenge(drop.id, s));
    expect((await claim(drop.id, s, third, "k3")).body.error?.code).toBe("LIMIT_REACHED");
    await call(releaseRoute, { params: { claimId: held[0]!.id }, token: s.token, method: "POST" });
    const again = await claim(drop.id, s, third, "k3");
    expect({ status: again.status, code: again.body.error?.code }).toEqual({
      status: 403,
      code: "CHALLENGE_INVALID",
    });
    expect((await claim(drop.id, s, solve(await getChallenge(drop.id, s)), "k3")).status).toBe(201);
  });

  it("a refused PATCH changes nothing, botDefence included", async () => {
    const drop = await createDrop({ totalStock: 5 });
    const res = await call(patchDropRoute, {
      method: "PATCH",
      params: { id: drop.id },
      token: adminToken(),
      json: { botDefence: "off", maxPerShopper: 2 },
    });
    expect(res.body.error?.code).toBe("DROP_STARTED");
    expect((await dropState(drop.id))?.botDefence).toBe("pow");
  });

  it("a burst of challenges raises the price within the burst (this server's own counts count at once)", async () => {
    const drop = await createDrop({ totalStock: 2 });
    const s = await guest();
    const burst = await Promise.all(Array.from({ length: 200 }, () => getChallenge(drop.id, s)));
    expect(Math.max(...burst.map((c) => c.maxnumber ?? 0))).toBe(200_000);
  });

  it("rehearsal shoppers (minted by race staff) are not asked on a rehearsal drop, and are on a real one; a viewer's credential mints a guest", async () => {
    const rehearsalDrop = await createDrop({ totalStock: 3, rehearsal: true });
    const rehearsal = await mintShopper();
    expect(rehearsal.rehearsal).toBe(true);
    expect((await claim(rehearsalDrop.id, rehearsal)).status).toBe(201);
    const real = await createDrop({ totalStock: 3 });
    expect((await claim(real.id, rehearsal)).body.error?.code).toBe("CHALLENGE_REQUIRED");

    const brand = await newBrand("Viewers mint guests");
    const viewer = await newMember(brand.id, "viewer");
    const minted = await call(mintRoute, {
      path: "/api/shoppers",
      method: "POST",
      headers: { cookie: viewer.cookie },
    });
    expect((minted.body as unknown as Shopper).rehearsal).toBe(false);

    const off = await createDrop({ totalStock: 3, botDefence: "off" });
    expect(off.botDefence).toBe("off");
    expect((await claim(off.id, await guest())).status).toBe(201);
  });

  it("a brand's rehearsal shoppers are excused on that brand's rehearsal drops only; the operator's on every brand's", async () => {
    const [a, b] = [await newBrand("Rehearses A"), await newBrand("Rehearses B")];
    const [managerA, ownerB] = [await newMember(a.id, "manager"), await newMember(b.id, "owner")];
    const raceOfA = await createDrop({ totalStock: 5, rehearsal: true, brandId: a.id });
    expect((await dropState(raceOfA.id))?.brandId).toBe(a.id); // on the hot item: no read per claim

    const ofA = await mintAs(managerA.cookie);
    const ofB = await mintAs(ownerB.cookie);
    expect([ofA.rehearsal, ofB.rehearsal]).toEqual([true, true]);
    expect((await claim(raceOfA.id, ofA)).status).toBe(201);
    // B's race staff skip nothing on A's rehearsal: asked like a guest, and nothing taken.
    const refused = await claim(raceOfA.id, ofB);
    expect(refused.body.error?.code).toBe("CHALLENGE_REQUIRED");
    expect((await claim(raceOfA.id, ofB, solve(await getChallenge(raceOfA.id, ofB)))).status).toBe(201);
    expect((await claim(raceOfA.id, await mintShopper())).status).toBe(201); // the operator's
    expect((await dropState(raceOfA.id))?.remainingStock).toBe(2);
    // And on B's own rehearsal, B's are excused.
    const raceOfB = await createDrop({ totalStock: 1, rehearsal: true, brandId: b.id });
    expect((await claim(raceOfB.id, ofB)).status).toBe(201);
  });

  it("an admin turns it on or off at any time (PATCH botDefence), and it takes effect at once", async () => {
    const drop = await createDrop({ totalStock: 5, botDefence: "off" });
    const s = await guest();
    const patch = (botDefence: string) =>
      call(patchDropRoute, {
        method: "PATCH",
        params: { id: drop.id },
        token: adminToken(),
        json: { botDefence },
      });
    expect((await patch("pow")).body.drop?.botDefence).toBe("pow");
    expect((await claim(drop.id, s)).body.error?.code).toBe("CHALLENGE_REQUIRED");
    expect((await patch("off")).body.drop?.botDefence).toBe("off");
    expect((await claim(drop.id, s)).status).toBe(201);
    const bad = await patch("captcha");
    expect({ status: bad.status, code: bad.body.error?.code }).toEqual({
      status: 400,
      code: "INVALID_REQUEST",
    });
  });

  it("the challenge gets harder as the drop is pressed: near-instant when calm, the hardest from 50 challenges a minute per unit", async () => {
    const drop = await createDrop({ totalStock: 2 });
    const s = await guest();
    expect((await getChallenge(drop.id, s)).maxnumber).toBe(CALM_MAX_NUMBER);
    await Promise.all(Array.from({ length: 150 }, () => getChallenge(drop.id, s)));
    await flushAttemptCounts({ all: true });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await getChallenge(drop.id, s)).maxnumber).toBe(200_000); // 151 a minute for 2 units
  });

  it("a farm of guests at the attack difficulty pays for every unit in CPU (prints solves per second per core)", async () => {
    const FARM = 8;
    const drop = await createDrop({ totalStock: FARM });
    const farm = await Promise.all(Array.from({ length: FARM }, () => guest()));
    // The drop is pressed: far more challenges a minute than units.
    await Promise.all(Array.from({ length: 60 * FARM }, (_, i) => getChallenge(drop.id, farm[i % FARM]!)));
    await flushAttemptCounts({ all: true });
    await new Promise((r) => setTimeout(r, 1100));
    const challenges = await Promise.all(farm.map((s) => getChallenge(drop.id, s)));
    expect(challenges.every((c) => c.maxnumber === 200_000)).toBe(true);

    const cpu = process.cpuUsage();
    const started = performance.now();
    const solutions = challenges.map((c) => solve(c)); // native SHA-256, one core
    const cpuSeconds = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6;
    const wallSeconds = (performance.now() - started) / 1000;
    const answers = await Promise.all(farm.map((s, i) => claim(drop.id, s, solutions[i])));
    expect(answers.map((a) => a.status)).toEqual(Array(FARM).fill(201));
    console.log(
      `[farm] ${FARM} units at maxnumber 200,000: ${(cpuSeconds / FARM).toFixed(3)} CPU-s per unit, ` +
        `${(FARM / wallSeconds).toFixed(1)} solves/s on one core (native SHA-256 in Node)`,
    );
  });
});
