// The feed bench's catalogue (scripts/bench/feed.ts): drops `--from` to `--to` (their indexes),
// written straight through lib/drop's createDrop (stock item, feed entry, info item), 32 at a time.
// Run as a child with DYNAMODB_ENDPOINT and DYNAMODB_TABLE set; index i is always the same kind of
// drop, so a larger catalogue is a smaller one plus more drops.
import { parseArgs } from "node:util";
import { createDrop, newDropId } from "@/lib/drop/drops";
import { pool } from "@/lib/race/plan";

const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } });
const from = Number(values.from);
const to = Number(values.to);
const HOUR = 3_600_000;
const now = Date.now();

/** Two live, one coming up, then mostly ended (an hour apart); every tenth unlisted, every fiftieth a draft. */
function kindOf(i: number) {
  if (i < 2) return { startsAt: now - HOUR, endsAt: now + (i + 2) * 24 * HOUR, listed: true, draft: false };
  if (i === 2) return { startsAt: now + 2 * HOUR, endsAt: now + 24 * HOUR, listed: true, draft: false };
  if (i % 50 === 49) return { startsAt: now + HOUR, endsAt: now + 2 * HOUR, listed: true, draft: true };
  const endsAt = now - (i + 1) * HOUR;
  return { startsAt: endsAt - 2 * HOUR, endsAt, listed: i % 10 !== 9, draft: false };
}

const indexes = Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
await pool(indexes, 32, async (i) => {
  const kind = kindOf(i);
  await createDrop({
    id: newDropId(),
    now: kind.startsAt,
    input: {
      name: `Bench drop ${i}`,
      description: "A drop of the feed bench's catalogue, as long as a real description might be.",
      imageUrl: "/drops/aurora-runner.svg",
      priceCents: 12_000,
      currency: "USD",
      totalStock: 50,
      maxPerShopper: 1,
      holdSeconds: 600,
      startsAt: new Date(kind.startsAt).toISOString(),
      endsAt: new Date(kind.endsAt).toISOString(),
      draft: kind.draft,
      listed: kind.listed,
      botDefence: "off",
    },
  });
});
console.log(`seeded ${indexes.length}`);
