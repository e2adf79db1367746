// The database alone keeps the promise. In one process the take gate (lib/claim/take-gate.ts) lets no
// more stock writes go than its cache says units are left, so a race there never reaches the write's
// condition; in production every instance has a gate of its own, and `remainingStock > 0` in THE
// write (lib/stock/take.ts) is the only guard. Here four OS processes, each an instance with its own
// gate and cache (tests/integration/fixtures/instance.ts), claim through the claim route against the
// one test database, for K = 1 and K = 4 stock shards. Without `remainingStock > 0` the race sells
// 12 units of 3.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getShard } from "@/lib/stock/reads";
import { createDrop, dropState, mintShoppers, ownTable, storedClaims, tally } from "./helpers";

ownTable("droprush-test-processes"); // the children inherit the table's name with the environment

const PROCESSES = 4;
const SHOPPERS_EACH = 40;

type Answer = { status: number; code?: string; claimId?: string; shopperId?: string };
type Message = { ready?: true; armed?: true; answers?: Answer[] };

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
});
