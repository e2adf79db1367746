// The database alone keeps the promise. In one process the take gate (lib/claim/take-gate.ts) lets no
// more stock writes go than its cache says units are left, so a race there never reaches the write's
// condition; in production every instance has a gate of its own, and `remainingStock > 0` in THE
// write (lib/stock/take.ts) is the only guard. Here four OS processes, each an instance with its own
// gate and cache (tests/integration/fixtures/instance.ts), claim through the claim route against the
// one test database, for K = 1 and K = 4 stock shards; and two of them audit the same stranded units
// at once (lib/claim/audit.ts), where nothing but the audit's own conditional writes can stop the
// second from returning them again. Without `remainingStock > 0` the race sells 12 units of 3.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAutoReturns } from "@/lib/claim/audit";
import { claimUnit } from "@/lib/claim/claim-unit";
import { faults } from "@/lib/claim/faults";
import { trustedProof } from "@/lib/claim/guest-proof";
import type { AuditReport, Shopper } from "@/lib/schemas/claim";
import { getShard } from "@/lib/stock/reads";
import { createDrop, dropState, mintShoppers, ownTable, storedClaims, tally } from "./helpers";

ownTable("droprush-test-processes"); // the children inherit the table's name with the environment

const PROCESSES = 4;
const SHOPPERS_EACH = 40;

type Answer = { status: number; code?: string; claimId?: string; shopperId?: string };
type Message = { ready?: true; armed?: true; answers?: Answer[]; snapshot?: true; report?: AuditReport };

/** One child process running the fixture; its messages in order, and how it ended if it did. */
class Instance {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly inbox: Message[] = [];
  private wake?: () => void;
  private ended?: string;
  private stderr = "";

  constructor() {
    // Node with tsx's loader in the same process (the tsx command would start a second one).
    this.child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "tests/integration/fixtures/instance.ts"],
      { env: process.env, cwd: process.cwd() },
    );
    createInterface({ input: this.child.stdout }).on("line", (line) => {
      if (!line.startsWith("@@")) return;
      this.inbox.push(JSON.parse(line.slice(2)) as Message);
      this.wake?.();
    });
    this.child.stderr.on("data", (chunk: Buffer) => (this.stderr = (this.stderr + chunk).slice(-4000)));
    this.child.on("exit", (code, signal) => {
      this.ended = `exited (${code ?? signal}): ${this.stderr}`;
      this.wake?.();
    });
  }

  send(command: Record<string, unknown>): void {
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
  }

  /** The next message, which must carry `field`. */
  async next<F extends keyof Message>(field: F): Promise<NonNullable<Message[F]>> {
    while (this.inbox.length === 0) {
      if (this.ended) throw new Error(`instance ${this.ended}`);
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    const message = this.inbox.shift()!;
    if (message[field] === undefined) throw new Error(`expected ${field}, got ${JSON.stringify(message)}`);
    return message[field]!;
  }

  stop(): void {
    this.child.stdin.end(); // the fixture exits when its input ends
  }
}

let instances: Instance[] = [];
beforeAll(async () => {
  instances = Array.from({ length: PROCESSES }, () => new Instance());
  await Promise.all(instances.map((i) => i.next("ready")));
});
afterAll(() => instances.forEach((i) => i.stop()));

/** Every stock item of a drop as stored: the drop item (shard 0) and shards 1…K−1. */
const shards = (dropId: string, k: number) =>
  Promise.all(Array.from({ length: k }, async (_, n) => (await getShard(dropId, n))!));

describe.each([
  { k: 1, stock: 3 },
  { k: 4, stock: 12 },
])("K = $k, $stock units", ({ k, stock }) => {
  it(`${PROCESSES} processes × ${SHOPPERS_EACH} shoppers at once: exactly the stock is sold, by the database's condition alone`, async () => {
    const drop = await createDrop({ totalStock: stock, maxPerShopper: 1, stockShards: k });
    const shoppers = await mintShoppers(PROCESSES * SHOPPERS_EACH);
    const theirs = (p: number) => shoppers.slice(p * SHOPPERS_EACH, (p + 1) * SHOPPERS_EACH);
    // Every process has the drop's stock in its cache before any claims: each gate would let
    // `stock` writes go, so only the write's condition can stop the rest.
    instances.forEach((instance, p) =>
      instance.send({ do: "arm", dropId: drop.id, tokens: theirs(p).map((s) => s.token) }),
    );
    await Promise.all(instances.map((i) => i.next("armed")));
    instances.forEach((i) => i.send({ do: "go" }));
    const perProcess = await Promise.all(instances.map((i) => i.next("answers")));

    const answers = perProcess.flatMap((list, p) =>
      list.map((answer, n) => ({ ...answer, shopper: theirs(p)[n]! })),
    );
    const won = answers.filter((a) => a.status === 201);
    const state = (await dropState(drop.id))!;
    const items = await shards(drop.id, k);
    const claims = await storedClaims(drop.id);
    console.log(
      `across processes (K = ${k}): ${won.length} winners for ${stock} units, by process ` +
        `${perProcess.map((list) => list.filter((a) => a.status === 201).length).join("/")}; ` +
        `stock per shard ${items.map((s) => s.remainingStock).join("/")}`,
    );

    expect(won, `${won.length} winners for ${stock} units`).toHaveLength(stock);
    expect(tally(answers.map((a) => (a.status === 201 ? "won" : `${a.status} ${a.code}`)))).toEqual({
      won: stock,
      "409 SOLD_OUT": PROCESSES * SHOPPERS_EACH - stock,
    });
    for (const s of items) expect(s.remainingStock, `shard ${s.shard}`).toBe(0); // none negative
    expect(state).toMatchObject({ totalStock: stock, remainingStock: 0 });
    // One stored claim per winner, each the claim its winner was told of, to distinct shoppers.
    expect(claims).toHaveLength(stock);
    expect(new Map(claims.map((c) => [c.shopperId, c.id]))).toEqual(
      new Map(won.map((a) => [a.shopper.shopperId, a.claimId])),
    );
    expect(won.every((a) => a.shopperId === a.shopper.shopperId)).toBe(true);
  });

  it("two audits in two processes on the same stranded units: each unit goes back once", async () => {
    const [held, stranded] = [3, 3];
    const total = 2 * stock;
    const drop = await createDrop({ totalStock: total, maxPerShopper: 1, stockShards: k });
    const shoppers = await mintShoppers(held + stranded);
    const claim = (s: Shopper) => claimUnit({ dropId: drop.id, shopperId: s.shopperId, proof: trustedProof });
    // Three claims hold their units; three crash between the stock write and the claim's (stranded).
    for (const s of shoppers.slice(0, held)) await claim(s);
    faults.afterTakeUnit = () => {
      throw new Error("injected crash after the stock write");
    };
    try {
      for (const s of shoppers.slice(held)) await expect(claim(s)).rejects.toThrow("injected crash");
    } finally {
      delete faults.afterTakeUnit;
    }
    expect((await dropState(drop.id))!.remainingStock).toBe(total - held - stranded);

    // Both audits take their snapshot before either writes, once no writer can be in flight.
    const [a, b] = instances as [Instance, Instance];
    const now = Date.now() + 61_000;
    for (const i of [a, b]) i.send({ do: "audit", dropId: drop.id, now });
    await Promise.all([a.next("snapshot"), b.next("snapshot")]);
    for (const i of [a, b]) i.send({ do: "go" });
    const reports = await Promise.all([a.next("report"), b.next("report")]);
    const state = (await dropState(drop.id))!;
    console.log(
      `two audits (K = ${k}): ${reports.map((r) => `${r.action} ${r.returned}`).join(", ")}; ` +
        `${state.remainingStock} in stock of ${total}, ${held} held`,
    );

    for (const r of reports) expect(r).toMatchObject({ unaccounted: stranded, held });
    // At most one returns the stranded units; the other finds the drop changed (the return's
    // condition: the drop item as it saw it; with K > 1, first the shards' forgetting of their
    // last take, conditional too, so each audit may stop the other and both find it changed).
    const returned = reports.map((r) => r.returned).reduce((x, y) => x + y);
    expect(returned, `the two audits returned ${returned} of ${stranded} stranded units`).toBeLessThanOrEqual(
      stranded,
    );
    expect(reports.map((r) => r.action)).toContain("changed");
    expect(state.remainingStock, "never more in stock than unsold").toBeLessThanOrEqual(total - held);
    // A third audit afterwards returns what the two left, if anything: each unit back once in all.
    a.send({ do: "audit", dropId: drop.id, now });
    const third = await settle(a);
    expect(returned + third.returned).toBe(stranded);
    expect((await dropState(drop.id))!.remainingStock).toBe(total - held);
    expect(await listAutoReturns(drop.id)).toEqual([{ at: new Date(now).toISOString(), units: stranded }]);
    expect(await storedClaims(drop.id)).toHaveLength(held);
  });
});

/** An audit already sent to `i`, let through at once. */
async function settle(i: Instance): Promise<AuditReport> {
  await i.next("snapshot");
  i.send({ do: "go" });
  return i.next("report");
}
