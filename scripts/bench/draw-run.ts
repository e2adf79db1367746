// The draw part of `npm run bench:draw`, two processes: `seed <n>` writes n entries of a new draw
// drop straight to the table (BatchWriteItem, the items the entry Put writes) and answers its id;
// `draw <id>` runs its draw and answers the seconds and its own peak RSS: the draw's alone.
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { randomBytes } from "node:crypto";
import { db, tableName } from "@/lib/db/client";
import { ensureTable } from "@/lib/db/connect";
import { inList, lists } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import { createDrop } from "@/lib/drop/drops";
import { commitDraw } from "@/lib/entries/draw-item";
import { partOf } from "@/lib/entries/entries";
import { runDraw } from "@/lib/entries/run-draw";
import { getDropState } from "@/lib/stock/reads";

const [what, arg] = process.argv.slice(2);
const round = (x: number) => Math.round(x * 100) / 100;
if (what === "draw") {
  const state = (await getDropState({ id: arg!, consistent: true }))!;
  const drawStart = performance.now();
  const draw = await runDraw(state, state.endsAt + 3_600_000);
  process.send!({
    entries: draw.drawn!.entryCount,
    drawSeconds: round((performance.now() - drawStart) / 1000),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    winners: Math.min(draw.drawn!.units, draw.drawn!.entryCount),
  });
  process.exit(0);
}
const n = Number(arg);
await ensureTable(db(), tableName());
const id = `bench${randomBytes(4).toString("hex")}`;
const endsAt = Date.now() + 60_000;
await commitDraw({ dropId: id, beacon: "off" });
await createDrop({
  id,
  input: {
    name: "Bench draw",
    description: "",
    imageUrl: "",
    priceCents: 0,
    currency: "USD",
    totalStock: 1000,
    maxPerShopper: 1,
    holdSeconds: 600,
    startsAt: new Date(endsAt - 3_600_000).toISOString(),
    endsAt: new Date(endsAt).toISOString(),
    draft: false,
    mode: "draw",
    listed: false,
  },
});
const seedStart = performance.now();
const createdAt = new Date(endsAt - 60_000).toISOString();
const items = Array.from({ length: n }, (_, i) => {
  const entryId = randomBytes(12).toString("hex");
  const shopperId = `bench-shopper-${i}`;
  return {
    ...keys.entry(id, shopperId),
    entryId,
    dropId: id,
    shopperId,
    createdAt,
    ...inList(lists.entriesOf(id, partOf(entryId)), entryId),
  };
});
const batches: (typeof items)[] = [];
for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
let next = 0;
await Promise.all(
  Array.from({ length: 16 }, async () => {
    while (next < batches.length) {
      let pending = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const r = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
        pending = (r.UnprocessedItems?.[tableName()] ?? []) as typeof pending;
      }
    }
  }),
);
process.send!({ id, seedSeconds: round((performance.now() - seedStart) / 1000) });
process.exit(0);
