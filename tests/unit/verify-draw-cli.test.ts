// `npm run verify-draw` against a tiny HTTP server that publishes draws and queue proofs the way the
// API does (built with lib/draw's own functions): an honest draw prints VERIFIED and exits 0, with
// the recorded quicknet round and without a beacon; each tampering exits 1 naming what differs; a
// receipt of an entry left out is shown genuine and missing; --queue does the same for a waiting
// room's pre-queue, and --ticket finds a ticket's place or names it missing; errors exit 2 with a
// clear message. A few cases run
// the real command as a child process; the rest call its body in this process (each child costs
// a second or two of start-up).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runVerifyDraw } from "@/scripts/verify-draw/cli";
import { drawPublicKey, signReceipt } from "@/lib/draw/sign-receipt";
import type { PublishedDraw, Receipt } from "@/lib/schemas/draw";
import type { QueueProof } from "@/lib/schemas/queue";
import {
  RECORDED_ENDS_AT,
  fixtureEntryIds,
  fixtureSeed,
  publishedDraw,
  recorded,
} from "../fixtures/published-draw";
import { fixtureTicketIds, publishedQueueProof } from "../fixtures/published-queue";

const UNITS = 3;
const PAGE = 7; // 25 ids over 4 pages
const ENTRIES = fixtureEntryIds(25);
const SIGNING_KEY = fixtureSeed("the draw key of the CLI test");
// The key before a rotation, still published (previousPublicKeys): its receipts are genuine too.
const PREVIOUS_KEY = fixtureSeed("the previous draw key of the CLI test");

type Published = {
  drop: { totalStock: number; endsAt: string };
  /** undefined: a first-come drop, which publishes no draw. */
  draw?: PublishedDraw;
  entryIds?: readonly string[];
  /** The entries' pages never end: every page names the same next cursor. */
  endless?: boolean;
  /** A drop behind a waiting room: its queue proof (and no draw). */
  queue?: QueueProof;
};

const honest = publishedDraw({ entryIds: ENTRIES, units: UNITS });
// Published without `units` (JSON leaves the undefined out).
const noBeacon = { ...publishedDraw({ entryIds: ENTRIES, units: UNITS, beacon: false }), units: undefined };
const [first, second, ...rest] = honest.winners!;
const flipped = (hex: string) => hex.slice(0, -1) + (hex.endsWith("0") ? "1" : "0");
const drawn = (draw: PublishedDraw, entryIds: readonly string[] = ENTRIES): Published => ({
  drop: { totalStock: UNITS, endsAt: RECORDED_ENDS_AT },
  draw,
  entryIds,
});

const TICKETS = fixtureTicketIds(9);
const proof = publishedQueueProof({ ticketIds: TICKETS });
const [front, next, ...behind] = proof.revealed!.order;
const queued = (queue: QueueProof): Published => ({
  drop: { totalStock: UNITS, endsAt: "2026-07-23T09:00:00.000Z" },
  queue,
});
const withOrder = (over: Partial<NonNullable<QueueProof["revealed"]>>): QueueProof => ({
  ...proof,
  revealed: { ...proof.revealed!, ...over },
});
const drops: Record<string, Published> = {
  honest: drawn(honest),
  // No `units`: the verifier falls back to the drop's totalStock.
  "no-beacon": { ...drawn(noBeacon), drop: { totalStock: UNITS, endsAt: "2026-11-01T12:00:00.000Z" } },
  "changed-seed": drawn({ ...honest, seed: fixtureSeed("another seed") }),
  "added-entry": drawn(honest, [...ENTRIES, "ent_999999"]),
  "removed-entry": drawn(
    honest,
    ENTRIES.filter((id) => id !== first),
  ),
  "swapped-winners": drawn({ ...honest, winners: [second!, first!, ...rest] }),
  "wrong-randomness": drawn({ ...honest, beacon: { ...honest.beacon!, randomness: fixtureSeed("not it") } }),
  "wrong-signature": drawn({
    ...honest,
    beacon: { ...honest.beacon!, signature: flipped(recorded.signature) },
  }),
  open: {
    drop: { totalStock: UNITS, endsAt: RECORDED_ENDS_AT },
    draw: { status: "open", commitment: honest.commitment, entryCount: 12 },
  },
  "first-come": { drop: { totalStock: UNITS, endsAt: RECORDED_ENDS_AT } },
  endless: { ...drawn(honest), endless: true },
  // Drops behind a waiting room, publishing a queue proof.
  "queue-honest": queued(proof),
  "queue-no-beacon": queued(publishedQueueProof({ ticketIds: TICKETS, beacon: false })),
  "queue-swapped": queued(withOrder({ order: [next!, front!, ...behind] })),
  "queue-changed-seed": queued(withOrder({ seed: fixtureSeed("another seed") })),
  "queue-not-drawn": queued({
    ...proof,
    beacon: { network: "quicknet", round: recorded.round },
    revealed: null,
  }),
};

const notFound = { error: { code: "NOT_FOUND", message: "No such drop" } };

/** Answers like the API: the drop, its draw, the entries a page at a time (cursor: an offset), the key. */
function answer(path: string, cursor: string | null): [number, unknown] {
  if (path === "/api/draw-key")
    return [
      200,
      {
        algorithm: "Ed25519",
        publicKey: drawPublicKey(SIGNING_KEY),
        previousPublicKeys: [drawPublicKey(PREVIOUS_KEY)],
      },
    ];
  const [, id, tail] = /^\/api\/drops\/([^/]+)(\/draw|\/draw\/entries|\/queue\/proof)?$/.exec(path) ?? [];
  const published = id === undefined ? undefined : drops[id];
  if (!published) return [404, notFound];
  if (tail === undefined) return [200, { drop: { id, ...published.drop, mode: "draw" } }];
  // As the app answers a drop without a waiting room's proof (lib/queue/join.ts).
  if (tail === "/queue/proof")
    return published.queue
      ? [200, published.queue]
      : [
          409,
          {
            error: { code: "NO_WAITING_ROOM", message: "This drop has no waiting room: claim it directly." },
          },
        ];
  // As the app answers a first-come drop's draw (lib/entries/published.ts).
  if (!published.draw)
    return [409, { error: { code: "NOT_A_DRAW", message: "This drop is first come, first served." } }];
  if (tail === "/draw") return [200, published.draw];
  const from = Number(cursor ?? "0");
  const ids = [...(published.entryIds ?? [])].sort().slice(from, from + PAGE);
  const more = from + PAGE < (published.entryIds?.length ?? 0);
  return [
    200,
    { entryIds: ids, nextCursor: published.endless ? "again" : more ? String(from + PAGE) : null },
  ];
}

let server: Server;
let url: string;
let dir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const { pathname, searchParams } = new URL(req.url ?? "/", "http://localhost");
    const [status, body] = answer(pathname, searchParams.get("cursor"));
    res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), "verify-draw-"));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

type Run = { code: number | null; stdout: string; stderr: string };

/** `npm run verify-draw -- …args`, as a child process. */
function childVerifyDraw(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("node_modules/.bin/tsx", ["scripts/verify-draw.ts", ...args], { stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
/** The same command's body, run in this process. */
async function verifyDraw(...args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runVerifyDraw(args, {
    out: (line) => (stdout += `${line}\n`),
    err: (line) => (stderr += `${line}\n`),
  });
  return { code, stdout, stderr };
}
const verifyDrop = (drop: string, ...more: string[]) => verifyDraw("--url", url, "--drop", drop, ...more);

function receiptFile(name: string, receipt: Receipt): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(receipt));
  return file;
}

describe.concurrent("npm run verify-draw, as a child process", () => {
  const child = (drop: string) => childVerifyDraw("--url", url, "--drop", drop);

  it("prints VERIFIED and exits 0 for an honest draw seeded by the recorded quicknet round", async () => {
    const run = await child("honest");
    expect(run.stdout).toBe(
      `VERIFIED\n  25 entries · 3 winners of 3 units · beacon quicknet round ${recorded.round}\n`,
    );
    expect(run.code).toBe(0);
  });

  it("prints NOT VERIFIED and exits 1 for swapped winners", async () => {
    const run = await child("swapped-winners");
    expect(run.stdout).toContain(`NOT VERIFIED\n  - winner #1 should be ${first}, is ${second}\n`);
    expect(run.code).toBe(1);
  });

  it("prints VERIFIED and exits 0 for an honest queue proof with --queue", async () => {
    const run = await childVerifyDraw("--url", url, "--drop", "queue-honest", "--queue");
    expect(run.stdout).toBe(
      `VERIFIED\n  9 tickets in the pre-queue · beacon quicknet round ${recorded.round}\n`,
    );
    expect(run.code).toBe(0);
  });

  it("exits 2 with a message when the drop does not exist", async () => {
    const run = await child("nope");
    expect(run.stderr).toBe("Cannot verify: There is no drop nope.\n");
    expect(run.code).toBe(2);
  });
});

describe.concurrent("npm run verify-draw", () => {
  it("prints VERIFIED for an honest draw seeded by the recorded quicknet round", async () => {
    const run = await verifyDrop("honest");
    expect(run.stdout).toBe(
      `VERIFIED\n  25 entries · 3 winners of 3 units · beacon quicknet round ${recorded.round}\n`,
    );
    expect(run.code).toBe(0);
  });

  it("prints VERIFIED for an honest draw without a beacon, taking the units from the drop", async () => {
    const run = await verifyDrop("no-beacon");
    expect(run.stdout).toBe("VERIFIED\n  25 entries · 3 winners of 3 units · no beacon\n");
    expect(run.code).toBe(0);
  });

  it.each([
    ["changed-seed", "  - seed does not match the commitment"],
    ["added-entry", "  - entryCount is 25, but the entry list has 26 ids"],
    ["added-entry", "  - entriesHash differs: entries were added or removed"],
    ["removed-entry", "  - entriesHash differs: entries were added or removed"],
    ["swapped-winners", `  - winner #1 should be ${first}, is ${second}`],
    ["wrong-randomness", "  - randomness is not SHA-256 of the signature"],
    [
      "wrong-signature",
      `  - beacon signature invalid: it is not quicknet's signature of round ${recorded.round}`,
    ],
  ])("fails %s, naming it: %s", async (drop, line) => {
    const run = await verifyDrop(drop);
    expect(run.stdout.split("\n")[0]).toBe("NOT VERIFIED");
    expect(run.stdout).toContain(`\n${line}`);
    expect(run.code).toBe(1);
  });

  it("shows a receipt of an entry left out as genuine and missing, and a listed one as listed", async () => {
    const fields = { dropId: "removed-entry", createdAt: "2026-07-23T07:30:00.000Z" };
    const left = receiptFile("left-out", signReceipt(SIGNING_KEY, { ...fields, entryId: first! }));
    const run = await verifyDrop("removed-entry", "--receipt", left);
    expect(run.stdout).toContain(`Receipt of entry ${first}: genuine, signed with the draw key`);
    expect(run.stdout).toContain(
      `entry ${first} is MISSING from the published entries: this receipt proves it entered and was left out`,
    );
    expect(run.code).toBe(1);

    const listedFile = receiptFile(
      "listed",
      signReceipt(SIGNING_KEY, { ...fields, dropId: "honest", entryId: second! }),
    );
    const listed = await verifyDrop("honest", "--receipt", listedFile);
    expect(listed.stdout).toContain(`entry ${second} is in the published entries`);
    expect(listed.code).toBe(0);
  });

  it("shows a receipt signed with the previous key, before a rotation, as genuine", async () => {
    const fields = { dropId: "honest", entryId: second!, createdAt: "2026-07-23T07:30:00.000Z" };
    const run = await verifyDrop(
      "honest",
      "--receipt",
      receiptFile("previous", signReceipt(PREVIOUS_KEY, fields)),
    );
    expect(run.stdout).toContain(
      `Receipt of entry ${second}: genuine, signed with the previous draw key ${drawPublicKey(PREVIOUS_KEY)}`,
    );
    expect(run.code).toBe(0);
  });

  it("says a receipt signed with another key is not genuine", async () => {
    const forged = signReceipt(fixtureSeed("someone else's key"), {
      dropId: "honest",
      entryId: "ent_000042",
      createdAt: "2026-07-23T07:30:00.000Z",
    });
    const run = await verifyDrop("honest", "--receipt", receiptFile("forged", forged));
    expect(run.stdout).toContain("Receipt of entry ent_000042: NOT genuine");
    expect(run.code).toBe(1);
  });

  it("says a draw still open is not drawn yet (exit 1)", async () => {
    const run = await verifyDrop("open");
    expect(run.stdout).toContain("the draw is open: it is not drawn yet");
    expect(run.code).toBe(1);
  });

  it.each([
    ["nope", "Cannot verify: There is no drop nope."],
    ["first-come", "Cannot verify: Drop first-come is not a draw"],
    ["endless", 'Cannot verify: The entry list repeats the cursor "again"'],
  ])("exits 2 when it cannot verify %s", async (drop, message) => {
    const run = await verifyDrop(drop);
    expect(run.stderr).toContain(message);
    expect(run.code).toBe(2);
  });

  it("prints VERIFIED for an honest queue proof, with the recorded round and without a beacon", async () => {
    const run = await verifyDrop("queue-honest", "--queue");
    expect(run.stdout).toBe(
      `VERIFIED\n  9 tickets in the pre-queue · beacon quicknet round ${recorded.round}\n`,
    );
    expect(run.code).toBe(0);
    const off = await verifyDrop("queue-no-beacon", "--queue");
    expect(off.stdout).toBe("VERIFIED\n  9 tickets in the pre-queue · no beacon\n");
    expect(off.code).toBe(0);
  });

  it.each([
    [
      "queue-swapped",
      `  - place 1 should be ${front}, is ${next}\n  - place 2 should be ${next}, is ${front}\n`,
    ],
    ["queue-changed-seed", "  - seed does not match the commitment\n"],
  ])("fails the queue proof %s, naming what differs", async (drop, lines) => {
    const run = await verifyDrop(drop, "--queue");
    expect(run.stdout.split("\n")[0]).toBe("NOT VERIFIED");
    expect(run.stdout).toContain(`\n${lines}`);
    expect(run.code).toBe(1);
  });

  it("says a pre-queue not drawn yet is not verified (exit 1)", async () => {
    const run = await verifyDrop("queue-not-drawn", "--queue");
    expect(run.stdout).toBe(
      `NOT VERIFIED\n  - not drawn yet: the pre-queue's order is revealed 21 s after the drop's start (${proof.startsAt}), once every ticket is in\n  commitment ${proof.commitment} · beacon quicknet round ${recorded.round}\n`,
    );
    expect(run.code).toBe(1);
  });

  it("prints a ticket's place in the published order with --ticket, and MISSING (exit 1) when absent", async () => {
    const run = await verifyDrop("queue-honest", "--queue", "--ticket", next!);
    expect(run.stdout).toBe(
      `VERIFIED\n  9 tickets in the pre-queue · beacon quicknet round ${recorded.round}\n  ticket ${next} is at place 2 of 9\n`,
    );
    expect(run.code).toBe(0);
    const absent = "0".repeat(24);
    const missing = await verifyDrop("queue-honest", "--queue", "--ticket", absent);
    expect(missing.stdout).toBe(`NOT VERIFIED\n  - ticket ${absent} is MISSING from the published order\n`);
    expect(missing.code).toBe(1);
    // In a tampered order the ticket's place is still told, the verdict stays NOT VERIFIED.
    const swapped = await verifyDrop("queue-swapped", "--queue", "--ticket", front!);
    expect(swapped.stdout).toContain(`  ticket ${front} is at place 2 of 9\n`);
    expect(swapped.code).toBe(1);
  });

  it.each([
    ["honest", "Cannot verify: Drop honest has no waiting room: it publishes no queue proof."],
    ["nope", "Cannot verify: There is no drop nope."],
  ])("exits 2 when it cannot verify the queue of %s", async (drop, message) => {
    const run = await verifyDrop(drop, "--queue");
    expect(run.stderr).toContain(message);
    expect(run.code).toBe(2);
  });

  it("exits 2 on a usage error and on an unreachable server", async () => {
    const usage = await verifyDraw("--url", url);
    expect(usage.stderr).toContain("--drop <id> is required.");
    expect(usage.code).toBe(2);
    const loose = await verifyDraw("--url", url, "--drop", "queue-honest", "--ticket", front!);
    expect(loose.stderr).toContain("--ticket <id> goes with --queue");
    expect(loose.code).toBe(2);
    const mixed = await verifyDraw("--url", url, "--drop", "queue-honest", "--queue", "--receipt", "r.json");
    expect(mixed.stderr).toContain("--receipt is a draw's");
    expect(mixed.code).toBe(2);
    const gone = await verifyDraw("--url", "http://127.0.0.1:9", "--drop", "honest");
    expect(gone.stderr).toContain("Cannot verify: Could not reach http://127.0.0.1:9/api/drops/honest/draw");
    expect(gone.code).toBe(2);
  });
});
