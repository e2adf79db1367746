import { afterEach, describe, expect, it, vi } from "vitest";
import { PATCH as patchDropRoute } from "@/app/api/admin/drops/[id]/route";
import { POST as pauseRoute } from "@/app/api/admin/drops/[id]/pause/route";
import { GET as queueStatsRoute } from "@/app/api/admin/drops/[id]/queue/route";
import { POST as resumeRoute } from "@/app/api/admin/drops/[id]/resume/route";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { POST as joinRoute } from "@/app/api/drops/[id]/queue/route";
import { GET as meRoute } from "@/app/api/drops/[id]/queue/me/route";
import { GET as proofRoute } from "@/app/api/drops/[id]/queue/proof/route";
import { table } from "@/lib/db/client";
import { env } from "@/lib/env";
import { commitment, entriesHash } from "@/lib/draw/formulas";
import { rankEntries } from "@/lib/draw/rank";
import { verifyQueueProof } from "@/lib/draw/verify-queue";
import { CHANGE_LEAD_MS, readSegments, recordAdmission } from "@/lib/queue/admission-state";
import { forgetLines } from "@/lib/queue/line";
import { forgetQueueSeeds } from "@/lib/queue/seed";
import { CYCLE_MS, openAtOf, PLACED_MS } from "@/lib/queue/settle";
import { joinLine } from "@/lib/queue/tickets";
import { hmac } from "@/lib/security/crypto";
import { PASS_EARLY_MS, signQueuePass } from "@/lib/security/queue-pass";
import type { Shopper } from "@/lib/schemas/claim";
import { TURN_AHEAD_MS, type MyQueue, type QueueProof, type QueueTicket } from "@/lib/schemas/queue";
import { adminToken, call, createDrop, dropState, mintShoppers, ownTable } from "./helpers";

// The waiting room's server side through the route handlers: joining, the pre-queue's published
// order, admission as a function of time across two "servers" (a second server is this process with
// its lines and seeds forgotten: everything it knows comes from the table again), passes, and the
// claim's gate. The clock is faked (Date only) to move through a drop's start without waiting.

ownTable("queue-test");
afterEach(() => vi.useRealTimers());

const at = (t: number) => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(t);
};
/** A second server: nothing in memory, the same table. */
const otherServer = () => {
  forgetLines();
  forgetQueueSeeds();
};

const room = (over: Record<string, unknown> = {}) => ({
  waitingRoom: { enabled: true, admitPerMinute: 60, prequeueMinutes: 15, passMinutes: 1, ...over },
});

async function roomDrop(startsIn = 5 * 60_000, over: Record<string, unknown> = {}) {
  const now = Date.now();
  return createDrop({
    startsAt: new Date(now + startsIn).toISOString(),
    endsAt: new Date(now + 3 * 3_600_000).toISOString(),
    ...room(over),
  });
}

const join = (id: string, s: Shopper) => call(joinRoute, { params: { id }, token: s.token, method: "POST" });
const me = async (id: string, s: Shopper) => {
  const res = await call(meRoute, { params: { id }, token: s.token });
  if (res.status !== 200) throw new Error(`me answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as unknown as MyQueue;
};
const proof = async (id: string) =>
  (await call(proofRoute, { params: { id } })).body as unknown as QueueProof;
const claim = (id: string, s: Shopper, pass?: string) =>
  call(claimRoute, {
    params: { id },
    token: s.token,
    method: "POST",
    headers: pass === undefined ? {} : { "x-queue-pass": pass },
  });

describe("a drop's waiting room settings", () => {
  it("are kept on create and PATCH, refused on a draw, and off by default", async () => {
    const plain = await createDrop();
    expect(plain.waitingRoom).toEqual({
      enabled: false,
      admitPerMinute: 60,
      prequeueMinutes: 15,
      passMinutes: 10,
    });
    const drop = await roomDrop(60_000, { admitPerMinute: 30 });
    expect(drop.waitingRoom).toEqual({
      enabled: true,
      admitPerMinute: 30,
      prequeueMinutes: 15,
      passMinutes: 1,
    });
    const patched = await call(patchDropRoute, {
      params: { id: drop.id },
      token: adminToken(),
      method: "PATCH",
      json: { waitingRoom: { admitPerMinute: 120 } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.drop!.waitingRoom).toMatchObject({
      enabled: true,
      admitPerMinute: 120,
      passMinutes: 1,
    });
    await expect(createDrop({ mode: "draw", ...room() })).rejects.toThrow(/400.*first-come drops/);
  });
});

describe("joining", () => {
  it("is one ticket per shopper (201, then 200), refused outside the room's window or without one", async () => {
    const [a, b] = await mintShoppers(2);
    const early = await roomDrop(20 * 60_000); // the line opens 15 minutes before
    expect((await join(early.id, a!)).body.error?.code).toBe("NOT_STARTED");
    const plain = await createDrop();
    const none = await join(plain.id, a!);
    expect([none.status, none.body.error?.code]).toEqual([409, "NO_WAITING_ROOM"]);

    const drop = await roomDrop();
    const first = await join(drop.id, a!);
    const again = await join(drop.id, a!);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    const ticket = first.body.ticket as QueueTicket;
    expect(again.body.ticket).toEqual(ticket);
    expect(ticket.prequeue).toBe(true);
    expect((await me(drop.id, a!)).status).toBe("prequeue");
    const stranger = await call(meRoute, { params: { id: drop.id }, token: b!.token });
    expect(stranger.body.error?.code).toBe("NOT_IN_LINE");
  });

  it("does nothing for a join whose client has gone: 499 CLIENT_GONE, no ticket, no place", async () => {
    const [a] = await mintShoppers(1);
    const drop = await roomDrop();
    const gone = await call(joinRoute, {
      params: { id: drop.id },
      token: a!.token,
      method: "POST",
      signal: AbortSignal.abort(),
    });
    expect([gone.status, gone.body.error?.code]).toEqual([499, "CLIENT_GONE"]);
    const asked = await call(meRoute, { params: { id: drop.id }, token: a!.token });
    expect(asked.body.error?.code).toBe("NOT_IN_LINE");
    expect((await join(drop.id, a!)).status).toBe(201); // the shopper's next join is its first
  });

  it("answers a resent Put after a lost answer with its own ticket, and another shopper's with theirs", async () => {
    const drop = await roomDrop();
    const now = Date.now();
    const first = await joinLine({ dropId: drop.id, shopperId: "s1", now, ticketId: "a".repeat(24) });
    // The SDK's resend of the same Put after the first landed: the same ticket id, so it made it.
    const resent = await joinLine({ dropId: drop.id, shopperId: "s1", now, ticketId: "a".repeat(24) });
    const other = await joinLine({
      dropId: drop.id,
      shopperId: "s1",
      now: now + 5,
      ticketId: "b".repeat(24),
    });
    expect(first).toEqual({ ticket: expect.objectContaining({ id: "a".repeat(24) }), created: true });
    expect(resent).toEqual(first);
    expect(other).toEqual({ ticket: first.ticket, created: false });
  });
});

describe("the line", () => {
  it("admits the published pre-queue order, then arrivals, exactly, on any server, one at a time", async () => {
    const shoppers = await mintShoppers(7);
    const drop = await roomDrop(5 * 60_000, { admitPerMinute: 60 }); // one a second
    const startsAt = Date.parse(drop.startsAt);
    const tickets = new Map<string, Shopper>();
    for (const s of shoppers.slice(0, 5))
      tickets.set(((await join(drop.id, s)).body.ticket as QueueTicket).id, s);
    expect((await proof(drop.id)).revealed).toBeNull();
    // Two arrive after the start, one after the other.
    const later: Shopper[] = [];
    for (const [i, s] of shoppers.slice(5).entries()) {
      at(startsAt + 1 + i);
      const joined = await join(drop.id, s);
      expect((joined.body.ticket as QueueTicket).prequeue).toBe(false);
      expect((await me(drop.id, s)).status).toBe("waiting");
      later.push(s);
    }
    const openAt = openAtOf(startsAt);
    at(openAt + 3); // the pre-queue is drawn; the later ones are not placed yet
    const published = await proof(drop.id);
    const revealed = published.revealed!;
    // What anyone can recompute from the proof alone, with the draw's formulas.
    expect(commitment(revealed.seed)).toBe(published.commitment);
    expect(revealed.ticketsHash).toBe(entriesHash([...tickets.keys()]));
    expect(revealed.count).toBe(5);
    const recomputed = rankEntries({
      seed: revealed.seed,
      randomness: revealed.randomness,
      entriesHash: revealed.ticketsHash,
      entryIds: [...tickets.keys()],
      totalStock: 5,
    }).winners;
    expect(revealed.order).toEqual(recomputed);
    expect((await verifyQueueProof(published)).ok).toBe(true);
    const expected = [...revealed.order.map((t) => tickets.get(t)!), ...later];

    // Places, exact, on this server and on a fresh one: the pre-queue's at the opening, the later
    // joiners' by PLACED_MS after they joined (a server may know them sooner), and they are let in
    // from then on, one a second after the one before them.
    const ready = [1000, 2000, 3000, 4000, 5000].map((ms) => openAt + ms);
    ready.push(startsAt + 1 + PLACED_MS + 1); // some credit after it is ready (lib/queue/admission.ts)
    ready.push(Math.max(startsAt + 2 + PLACED_MS + 1, ready[5]! + 1000));
    for (const server of [() => undefined, otherServer]) {
      server();
      const places = await Promise.all(expected.map((s) => me(drop.id, s)));
      expect(places.slice(0, 5).map((p) => p.position)).toEqual([1, 2, 3, 4, 5]);
      expect(places.map((p) => p.status)).toEqual(Array(7).fill("waiting"));
      expect(places.slice(0, 5).map((p) => p.etaSeconds)).toEqual([1, 2, 3, 4, 5]);
      for (const [i, p] of places.slice(5).entries())
        if (p.position !== undefined) expect(p.position).toBe(6 + i);
    }
    at(startsAt + 2 + PLACED_MS);
    for (const server of [() => undefined, otherServer]) {
      server();
      const places = await Promise.all(expected.map((s) => me(drop.id, s)));
      expect(places.map((p) => p.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(places.map((p) => p.status)).toEqual([...Array(6).fill("admitted"), "waiting"]);
      expect(places[6]).toMatchObject({ ahead: 0, etaSeconds: Math.ceil((ready[6]! - Date.now()) / 1000) });
    }

    // Admission, at each place's time, alternating servers: one more each time, in the line's order.
    const admittedOrder: Shopper[] = [];
    const passes = new Map<Shopper, string>();
    for (const [k, time] of ready.entries()) {
      for (const [t, count] of [
        [time - 1, k],
        [time, k + 1],
      ] as const) {
        at(t);
        if (k % 2 === 0) otherServer();
        for (const s of expected) {
          const place = await me(drop.id, s);
          if (place.status === "admitted" && !passes.has(s)) {
            admittedOrder.push(s);
            passes.set(s, place.pass!.token);
          }
          if (place.status === "admitted") expect(place.pass!.token).toBe(passes.get(s)); // any server, the same pass
        }
        expect(admittedOrder.length).toBe(count);
      }
    }
    expect(admittedOrder).toEqual(expected);
    // A restart gives the same places and passes.
    otherServer();
    const after = await me(drop.id, expected[2]!);
    expect(after).toMatchObject({
      status: "admitted",
      position: 3,
      pass: { token: passes.get(expected[2]!) },
    });
    // Each pass runs out passMinutes after its own admission; the line did not wait for it.
    at(openAt + 3000 + 60_000);
    expect((await me(drop.id, expected[2]!)).status).toBe("expired");
    expect((await me(drop.id, expected[3]!)).status).toBe("admitted");
  });
});

describe("the line's reads", () => {
  it("are one part of the line at a time, and the admission record only when it changed", async () => {
    const shoppers = await mintShoppers(3);
    const drop = await roomDrop(60_000, { admitPerMinute: 60 });
    for (const s of shoppers) await join(drop.id, s);
    const openAt = openAtOf(Date.parse(drop.startsAt));
    at(openAt + 1);
    await me(drop.id, shoppers[0]!); // a fresh server's first refresh reads every part once
    const queries = vi.spyOn(table, "query");
    const gets = vi.spyOn(table, "get");
    const recordReads = () =>
      gets.mock.calls.filter(([input]) => String(input.Key?.pk).startsWith("QUEUESTATE#")).length;
    const seconds = 60;
    for (let i = 1; i <= seconds; i++) {
      at(openAt + 1 + i * 1000);
      await Promise.all(shoppers.map((s) => me(drop.id, s))); // many pollers, one refresh
    }
    // Each of the 16 parts about once per CYCLE_MS (20 s): about 50 in a minute, not 16 a second (960).
    expect(queries.mock.calls.length).toBeLessThanOrEqual(16 * ((seconds * 1000) / (CYCLE_MS - 1000) + 1));
    expect(recordReads()).toBeLessThanOrEqual(1); // once a minute
    // A new rate is on the drop's cached state: the next refresh reads the record that has it.
    const before = (await me(drop.id, shoppers[2]!)).status;
    expect(
      (
        await call(patchDropRoute, {
          params: { id: drop.id },
          token: adminToken(),
          method: "PATCH",
          json: { waitingRoom: { admitPerMinute: 1 } },
        })
      ).status,
    ).toBe(200);
    const readsBefore = recordReads();
    at(openAt + 1 + (seconds + 2) * 1000);
    await me(drop.id, shoppers[0]!);
    expect(recordReads()).toBe(readsBefore + 1);
    expect(before).toBe("admitted");
    // A pause and a resume between two of this server's refreshes leave the drop as it was, but
    // its settings version moved: the record, with the pause, is read again.
    const t = openAt + 1 + (seconds + 4) * 1000;
    const admin = (route: typeof pauseRoute, key: string) =>
      call(route, {
        params: { id: drop.id },
        token: adminToken(),
        method: "POST",
        headers: { "idempotency-key": key },
      });
    at(t);
    expect((await admin(pauseRoute, "reads-pause")).status).toBe(200);
    at(t + 30_000);
    expect((await admin(resumeRoute, "reads-resume")).status).toBe(200);
    const readsBeforeRefresh = recordReads();
    at(t + 30_500);
    await me(drop.id, shoppers[0]!);
    expect(recordReads()).toBe(readsBeforeRefresh + 1);
    queries.mockRestore();
    gets.mockRestore();
  });
});

describe("a poll with the join's signed ticket", () => {
  it("reads no ticket before the line has it, and a missing, forged or another's token falls back to one read", async () => {
    const [a, b, stranger] = await mintShoppers(3);
    const drop = await roomDrop(60_000);
    const other = await roomDrop(60_000);
    const startsAt = Date.parse(drop.startsAt);
    const tokenOf = async (id: string, s: Shopper) => ((await join(id, s)).body.ticket as QueueTicket).token;
    const poll = async (id: string, s: Shopper, ticket?: string) => {
      const res = await call(meRoute, {
        params: { id },
        token: s.token,
        headers: ticket === undefined ? {} : { "x-queue-ticket": ticket },
      });
      return [res.status, res.body.error?.code ?? (res.body as unknown as MyQueue).status];
    };
    at(startsAt - 5000);
    const aToken = await tokenOf(drop.id, a!); // in the pre-queue
    expect(aToken).toMatch(/^\d+\.[0-9a-f]{24}\.[A-Za-z0-9_-]{43}$/);
    expect(await tokenOf(drop.id, a!)).toBe(aToken); // joined again: the same token
    const bOther = await tokenOf(other.id, b!);
    at(startsAt + 1000);
    const bToken = await tokenOf(drop.id, b!); // after the start: waiting
    otherServer(); // a server that has read neither ticket: the line reads them SETTLE_MS after they joined
    const gets = vi.spyOn(table, "get");
    const ticketReads = () =>
      gets.mock.calls.filter(([input]) => String(input.Key?.pk).startsWith("QTICKET#")).length;

    for (let t = startsAt + 1000; t < startsAt + 16_000; t += 5000) {
      at(t);
      expect(await poll(drop.id, a!, aToken)).toEqual([200, "prequeue"]);
      expect(await poll(drop.id, b!, bToken)).toEqual([200, "waiting"]);
    }
    expect(ticketReads()).toBe(0);

    // Without the token, or with one that does not verify for this shopper and drop: one read each,
    // and the answer the ticket gives (a stranger with a stolen token is not in line).
    const tampered = aToken.slice(0, -10) + (aToken.at(-10) === "A" ? "B" : "A") + aToken.slice(-9);
    const cases: [string, Shopper, string | undefined, unknown[]][] = [
      ["none", a!, undefined, [200, "prequeue"]],
      ["tampered", a!, tampered, [200, "prequeue"]],
      ["joinedAt moved", b!, bToken.replace(/^\d+/, String(startsAt - 1)), [200, "waiting"]],
      ["another shopper's", b!, aToken, [200, "waiting"]],
      ["another drop's", b!, bOther, [200, "waiting"]],
      ["stolen by a stranger", stranger!, aToken, [404, "NOT_IN_LINE"]],
      ["another drop's, to a stranger", stranger!, bOther, [404, "NOT_IN_LINE"]],
    ];
    for (const [name, s, token, expected] of cases) {
      const before = ticketReads();
      expect([name, ...(await poll(drop.id, s, token))]).toEqual([name, ...expected]);
      expect([name, ticketReads() - before]).toEqual([name, 1]);
    }
    gets.mockRestore();
  });
});

describe("a claim on a drop with a waiting room", () => {
  it("takes nothing without its own valid pass (428 / 403), and a unit with it", async () => {
    const [a, b] = await mintShoppers(2);
    const drop = await roomDrop(60_000, { admitPerMinute: 600 });
    const other = await roomDrop(60_000);
    await join(drop.id, a!);
    await join(drop.id, b!);
    const startsAt = Date.parse(drop.startsAt);
    at(openAtOf(startsAt) + 1000);
    const pass = (await me(drop.id, a!)).pass!;
    const expiresAt = Date.parse(pass.expiresAt);
    const stock = async () => (await dropState(drop.id))!.remainingStock;
    const refused = async (token: string | undefined, code: string, status: number) => {
      const res = await claim(drop.id, a!, token);
      expect([res.status, res.body.error?.code]).toEqual([status, code]);
      expect(await stock()).toBe(10);
    };
    await refused(undefined, "QUEUE_REQUIRED", 428);
    await refused(`${expiresAt}.${"A".repeat(43)}`, "QUEUE_PASS_INVALID", 403); // forged
    const [validFrom, , sig] = pass.token.split(".");
    await refused(`${validFrom}.${expiresAt + 60_000}.${sig}`, "QUEUE_PASS_INVALID", 403); // stretched
    await refused(`${Number(validFrom) - 60_000}.${expiresAt}.${sig}`, "QUEUE_PASS_INVALID", 403); // moved ahead
    await refused(`${expiresAt}.${sig}`, "QUEUE_PASS_INVALID", 403); // cut to the old form
    await refused((await me(drop.id, b!)).pass!.token, "QUEUE_PASS_INVALID", 403); // another shopper's
    const own = { validFrom: Number(validFrom), expiresAt };
    await refused(signQueuePass(other.id, a!.shopperId, own), "QUEUE_PASS_INVALID", 403); // another drop's
    at(expiresAt);
    await refused(pass.token, "QUEUE_PASS_INVALID", 403); // expired
    at(expiresAt - 1);
    const won = await claim(drop.id, a!, pass.token);
    expect(won.status).toBe(201);
    expect(await stock()).toBe(9);
  });

  it("hands the pass out 15 s ahead of the turn, good from the turn (1 s early at most); a pass from before that is still taken", async () => {
    const [a] = await mintShoppers(1);
    const drop = await roomDrop(60_000, { admitPerMinute: 2 }); // a turn every 30 s
    await join(drop.id, a!);
    const openAt = openAtOf(Date.parse(drop.startsAt));
    const turn = openAt + 30_000;
    at(openAt);
    expect(await me(drop.id, a!)).toEqual({ status: "waiting", position: 1, ahead: 0, etaSeconds: 30 });
    at(turn - TURN_AHEAD_MS - 1);
    expect(await me(drop.id, a!)).toEqual({ status: "waiting", position: 1, ahead: 0, etaSeconds: 16 });
    at(turn - TURN_AHEAD_MS);
    const ahead = await me(drop.id, a!);
    expect(ahead).toMatchObject({ status: "waiting", position: 1, ahead: 0, etaSeconds: 15 });
    expect(ahead.next).toMatchObject({ validFrom: new Date(turn).toISOString(), inMs: TURN_AHEAD_MS });
    // A lower rate set now does not move a turn whose pass is out: it is taken 20 s from now.
    at(turn - 10_000);
    const slower = await call(patchDropRoute, {
      params: { id: drop.id },
      token: adminToken(),
      method: "PATCH",
      json: { waitingRoom: { admitPerMinute: 1 } },
    });
    expect(slower.status).toBe(200);
    otherServer();
    expect((await me(drop.id, a!)).next).toEqual({ ...ahead.next, inMs: 10_000 });
    const stock = async () => (await dropState(drop.id))!.remainingStock;
    at(turn - PASS_EARLY_MS - 1);
    const early = await claim(drop.id, a!, ahead.next!.token);
    expect([early.status, early.body.error?.code, await stock()]).toEqual([403, "QUEUE_PASS_INVALID", 10]);
    expect(early.body.error?.message).toMatch(/your turn has not come yet/); // refused for its time, not its signature
    at(turn);
    const admitted = await me(drop.id, a!);
    expect(admitted).toMatchObject({ status: "admitted", pass: { token: ahead.next!.token } });
    at(turn - PASS_EARLY_MS);
    expect((await claim(drop.id, a!, ahead.next!.token)).status).toBe(201);
    expect(await stock()).toBe(9);

    // "<expiresAt>.<HMAC>", as servers signed a pass before `validFrom`: a page holding one through a
    // deploy keeps its turn.
    const [b] = await mintShoppers(1);
    const expiresAt = turn + 60_000;
    const legacy = `${expiresAt}.${hmac(env().SESSION_SECRET, `queuepass:v1:${drop.id}.${b!.shopperId}.${expiresAt}`)}`;
    expect((await claim(drop.id, b!, legacy)).status).toBe(201);
    expect(await stock()).toBe(8);
  });

  it("hands out no pass ahead while the server's record and the drop disagree (a change half made)", async () => {
    const [a] = await mintShoppers(1);
    const drop = await roomDrop(60_000, { admitPerMinute: 2 });
    await join(drop.id, a!);
    const turn = openAtOf(Date.parse(drop.startsAt)) + 30_000;
    at(turn - 10_000);
    expect((await me(drop.id, a!)).next).toMatchObject({ inMs: 10_000 });
    // A PATCH that recorded a new rate and crashed before the drop's own write: the record says 1 a
    // minute, the drop still 2. The turn stands (the change is 20 s off), but no pass goes out ahead.
    await recordAdmission({ dropId: drop.id, now: turn - 10_000, change: { rate: 1 }, configuredRate: 2 });
    otherServer();
    expect(await me(drop.id, a!)).toEqual({ status: "waiting", position: 1, ahead: 0, etaSeconds: 10 });
    at(turn);
    expect(await me(drop.id, a!)).toMatchObject({ status: "admitted", position: 1 });
  });

  it("stops a pass's minutes while the drop is paused: a turn given before a long pause is taken after it", async () => {
    const shoppers = await mintShoppers(2);
    const drop = await roomDrop(60_000, { admitPerMinute: 6, passMinutes: 1 }); // turns 10 s apart
    for (const s of shoppers) await join(drop.id, s);
    const openAt = openAtOf(Date.parse(drop.startsAt));
    const admin = { params: { id: drop.id }, token: adminToken(), method: "POST" } as const;
    at(openAt + 15_000);
    // The pre-queue's order is drawn: a is whoever got place 1, b place 2.
    const first = (await me(drop.id, shoppers[0]!)).position === 1 ? 0 : 1;
    const [a, b] = [shoppers[first], shoppers[1 - first]];
    const before = await me(drop.id, a!); // admitted at 10 s: 60 s to claim
    expect(before).toMatchObject({
      status: "admitted",
      pass: { expiresAt: new Date(openAt + 70_000).toISOString() },
    });
    // Paused for 5 minutes (admission stops 20 s later, with 35 s of the pass left), then resumed.
    expect((await call(pauseRoute, admin)).status).toBe(200);
    // The admin's view shows the pause to come, and when.
    const stats = async () =>
      (await call(queueStatsRoute, { params: { id: drop.id }, token: adminToken() })).body;
    otherServer();
    expect(await stats()).toMatchObject({
      admitPerMinute: 6,
      paused: false,
      changes: [{ admitPerMinute: 6, paused: true, at: new Date(openAt + 35_000).toISOString() }],
    });
    at(openAt + 300_000);
    otherServer();
    expect(await me(drop.id, a!)).toMatchObject({ status: "admitted" });
    expect((await call(resumeRoute, admin)).status).toBe(200);
    at(openAt + 330_000); // admission runs again from 320 s: the pass's 35 s with it
    otherServer();
    const after = await me(drop.id, a!);
    expect(after).toMatchObject({
      status: "admitted",
      pass: { expiresAt: new Date(openAt + 355_000).toISOString() },
    });
    // The page's old pass ran out by its own expiry; the one the line gives now is taken.
    const stale = await claim(drop.id, a!, before.pass!.token);
    expect([stale.status, stale.body.error?.code]).toEqual([403, "QUEUE_PASS_INVALID"]);
    expect((await claim(drop.id, a!, after.pass!.token)).status).toBe(201);
    // The admin's view: nobody's pass counts as unused (b's came at 20 s: 45 s of it left at 320 s).
    const resumed = await stats();
    expect(resumed).toMatchObject({
      admitted: 2,
      passesUsed: 1,
      passesUnused: 0,
      paused: false,
      changes: [],
    });
    at(openAt + 364_999);
    otherServer();
    expect(await me(drop.id, b!)).toMatchObject({ status: "admitted" });
    at(openAt + 365_000);
    expect(await me(drop.id, b!)).toMatchObject({ status: "expired" });
    expect(await stats()).toMatchObject({ passesUsed: 1, passesUnused: 1 });
  });

  it("on a drop without one, claims as before, with no header", async () => {
    const [a] = await mintShoppers(1);
    const drop = await createDrop();
    expect((await claim(drop.id, a!)).status).toBe(201);
  });
});

describe("admission's record, under crashes and resends", () => {
  it("a rate change or a pause written twice or resent changes nothing; places and passes survive a restart", async () => {
    const shoppers = await mintShoppers(10);
    const drop = await roomDrop(60_000, { admitPerMinute: 6 }); // a place every 10 s
    for (const s of shoppers) await join(drop.id, s);
    const openAt = openAtOf(Date.parse(drop.startsAt));
    const snapshot = async () => {
      otherServer();
      return Promise.all(shoppers.map((s) => me(drop.id, s)));
    };
    at(openAt + 25_000);
    const before = await snapshot();
    expect(before.filter((p) => p.status === "admitted")).toHaveLength(2);
    expect(before.filter((p) => p.next)).toHaveLength(2); // places 3 and 4: turns in 5 and 15 s

    // The rate doubled at openAt + 25 s, from 20 s later (so every pass handed out stays right),
    // sent twice (an admin's resend) and once more by the SDK.
    const patch = () =>
      call(patchDropRoute, {
        params: { id: drop.id },
        token: adminToken(),
        method: "PATCH",
        json: { waitingRoom: { admitPerMinute: 12 } },
      });
    expect((await patch()).status).toBe(200);
    const record = await readSegments(drop.id, true);
    expect(record!.at(-1)).toEqual({ at: openAt + 25_000 + CHANGE_LEAD_MS, rate: 12, paused: false });
    at(openAt + 25_200);
    expect((await patch()).status).toBe(200);
    await recordAdmission({ dropId: drop.id, now: openAt + 25_300, change: { rate: 12 }, configuredRate: 6 });
    expect(await readSegments(drop.id, true)).toEqual(record);
    // Nobody admitted or handed a pass before the change lost their place or pass; the rest come
    // at the new rate.
    at(openAt + 25_000);
    const placesAndPasses = (all: MyQueue[]) =>
      all.map(({ status, position, pass, next }) => ({ status, position, pass, next }));
    expect(placesAndPasses(await snapshot())).toEqual(placesAndPasses(before));
    at(openAt + 47_500); // 4.5 places' worth by 45 s at 6 a minute, then one each 5 s
    expect((await snapshot()).filter((p) => p.status === "admitted")).toHaveLength(5);

    // Pause, resent with its key: one record, from 20 s on (places 6–9 were due by then), and
    // nobody admitted while paused.
    const pause = () =>
      call(pauseRoute, {
        params: { id: drop.id },
        token: adminToken(),
        method: "POST",
        headers: { "idempotency-key": "p1" },
      });
    expect((await pause()).status).toBe(200);
    expect((await pause()).status).toBe(200);
    const paused = await readSegments(drop.id, true);
    expect(paused!.at(-1)).toEqual({ at: openAt + 47_500 + CHANGE_LEAD_MS, rate: 12, paused: true });
    expect(paused).toHaveLength(record!.length + 1);
    at(openAt + 120_000);
    const whilePaused = await snapshot();
    expect(whilePaused.filter((p) => p.status !== "waiting")).toHaveLength(9);
    const tenth = (all: MyQueue[]) => all.find((p) => p.position === 10);
    expect(tenth(whilePaused)).toEqual({ status: "waiting", position: 10, ahead: 0 }); // no eta while paused
    // Resumed: from 20 s on, the rest of the line moves on from where it stopped, not all at once
    // (one place's worth more at 12 a minute: 5 s).
    expect(
      (await call(resumeRoute, { params: { id: drop.id }, token: adminToken(), method: "POST" })).status,
    ).toBe(200);
    at(openAt + 144_900);
    expect(tenth(await snapshot())).toMatchObject({ status: "waiting", position: 10 });
    at(openAt + 145_000);
    expect(tenth(await snapshot())).toMatchObject({ status: "admitted", position: 10 });
  });
});
