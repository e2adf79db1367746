// What counting claim attempts costs (docs/architecture.md, "Live metrics"):
//   npm run bench:attempt-counts
// 1. CPU per counted attempt (the in-memory increment on the claim path);
// 2. the same race with and without the counting wrapper, on the embedded DB: claims/s, and every
//    DynamoDB request by key, to show the counters add no write to the drop item and ~1 write per
//    drop per second in total.
import { randomUUID } from "node:crypto";
import { startLocalDb } from "@/lib/db/local-db";

const TABLE = "droprush-bench-attempts";
const db = await startLocalDb({ tableName: TABLE });
Object.assign(process.env, {
  DYNAMODB_ENDPOINT: db.endpoint,
  DYNAMODB_TABLE: TABLE,
  ADMIN_TOKEN: "bench-admin-token-0123456789",
  SESSION_SECRET: "bench-session-secret-0123456789-abcdefghij",
});
const { countAttempt, countClaimAttempt, flushAttemptCounts } = await import("@/lib/attempts/counts");
const { claimUnit } = await import("@/lib/claim/claim-unit");
const { trustedProof } = await import("@/lib/claim/guest-proof");
const { createDrop } = await import("@/lib/drop/drops");
const { db: client } = await import("@/lib/db/client");

// Every request the app sends, by operation and key prefix ("UpdateItem DROP", "UpdateItem ATTEMPTS", …).
const requests = new Map<string, number>();
client().middlewareStack.add(
  (next, context) => async (args) => {
    const input = args.input as { Key?: { pk?: string }; Item?: { pk?: string }; IndexName?: string };
    const pk = input.Key?.pk ?? input.Item?.pk ?? (input.IndexName ? `index:${input.IndexName}` : "-");
    const label = `${context.commandName?.replace("Command", "")} ${pk.split("#")[0]}`;
    requests.set(label, (requests.get(label) ?? 0) + 1);
    return next(args);
  },
  { step: "initialize", name: "countRequests" },
);

// 1. The increment itself.
const N = 2_000_000;
const t0 = process.hrtime.bigint();
for (let i = 0; i < N; i++) countAttempt("bench-cpu", i % 7 === 0 ? "CLAIMED" : "SOLD_OUT");
const nsPerCount = Number(process.hrtime.bigint() - t0) / N;
await flushAttemptCounts({ all: true });
console.log(
  `countAttempt: ${nsPerCount.toFixed(0)} ns per counted attempt (${N.toLocaleString()} in a loop)`,
);

// 2. The race, A/B.
async function race(counted: boolean): Promise<{ perSecond: number; requests: Map<string, number> }> {
  const drop = await createDrop({
    input: {
      name: "bench",
      description: "",
      imageUrl: "",
      priceCents: 100,
      currency: "USD",
      totalStock: 500,
      maxPerShopper: 1,
      holdSeconds: 600,
      startsAt: new Date(Date.now() - 1000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      draft: false,
    },
  });
  const shoppers = Array.from({ length: 3000 }, () => randomUUID());
  requests.clear();
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < shoppers.length) {
      const shopperId = shoppers[next++]!;
      const claim = () => claimUnit({ dropId: drop.id, shopperId, proof: trustedProof });
      await (counted ? countClaimAttempt(drop.id, claim) : claim()).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
  const seconds = (performance.now() - start) / 1000;
  await flushAttemptCounts({ all: true });
  return { perSecond: shoppers.length / seconds, requests: new Map(requests) };
}

await race(true); // warm-up
const rounds: Record<"counted" | "plain", number[]> = { counted: [], plain: [] };
let last: Map<string, number> = new Map();
for (let i = 0; i < 3; i++) {
  rounds.plain.push((await race(false)).perSecond);
  const counted = await race(true);
  rounds.counted.push(counted.perSecond);
  last = counted.requests;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`race of 3,000 attempts for 500 units, concurrency 64, 3 rounds each:`);
console.log(
  `  without counting: ${median(rounds.plain).toFixed(0)} attempts/s (${rounds.plain.map((x) => x.toFixed(0)).join(", ")})`,
);
console.log(
  `  with counting:    ${median(rounds.counted).toFixed(0)} attempts/s (${rounds.counted.map((x) => x.toFixed(0)).join(", ")})`,
);
console.log(`  DynamoDB requests of the last counted race, by operation and key:`);
for (const [label, n] of [...last].sort((a, b) => b[1] - a[1])) console.log(`    ${label.padEnd(24)} ${n}`);
await db.stop();
process.exit(0);
