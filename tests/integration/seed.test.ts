// The demo seed: names that are only names, also in a `.data/` seeded before they were; a draw
// open for entries, reopened until it is drawn.
import { expect, it } from "vitest";
import { updateDropInfo } from "@/lib/drop/admin-writes";
import { readDropNames } from "@/lib/drop/drop-reads";
import { publishedDraw } from "@/lib/entries/published";
import { runDraw } from "@/lib/entries/run-draw";
import { readQueueSeed } from "@/lib/queue/seed";
import { getDropState } from "@/lib/stock/reads";
import { demoDrops, seedDemo } from "@/scripts/seed";
import { ownTable } from "./helpers";

ownTable("droprush-test-seed");

it("gives the demo drops their plain names, and puts them back on a run over an older seed", async () => {
  await seedDemo();
  const ids = demoDrops.map((d) => d.id);
  const plain = new Map(demoDrops.map((d) => [d.id, d.name]));
  expect(await readDropNames(ids)).toEqual(plain);
  for (const name of plain.values()) expect(name).not.toMatch(/live|sold|starts|—/i);

  await updateDropInfo({ id: "aurora-runner", changes: { name: "Aurora Runner — live now" } });
  await seedDemo();
  expect(await readDropNames(ids)).toEqual(plain);
});

it("seeds a draw open for entries, reopens it while it is not drawn, and leaves a drawn one as it was", async () => {
  const now = Date.now();
  await seedDemo(now);
  const draw = demoDrops.find((d) => d.mode === "draw")!;
  const state = (await getDropState({ id: draw.id, consistent: true }))!;
  expect(state.mode).toBe("draw");
  expect(state.startsAt).toBeLessThanOrEqual(now);
  expect(state.endsAt).toBeGreaterThan(now);
  const open = await publishedDraw(draw.id, now);
  expect(open).toMatchObject({ status: "open", entryCount: draw.entriesAtCreation });

  // Its window closed with nobody to draw it (no server ran): the next run opens it again.
  const later = state.endsAt + 60_000;
  expect((await seedDemo(later)).rescheduled).toContain(draw.id);
  const reopened = (await getDropState({ id: draw.id, consistent: true }))!;
  expect(reopened.endsAt).toBeGreaterThan(later);

  // Drawn after its close: its result is final, and a later run keeps it, with no second copy.
  await runDraw(reopened, reopened.endsAt + 60_000);
  const result = await seedDemo(reopened.endsAt + 120_000);
  expect(result.rescheduled).not.toContain(draw.id);
  expect(result.created).not.toContain(draw.id);
  expect((await getDropState({ id: draw.id, consistent: true }))!.endsAt).toBe(reopened.endsAt);
  expect((await publishedDraw(draw.id, reopened.endsAt + 120_000)).status).toBe("drawn");
});

it("seeds a drop behind a waiting room whose pre-queue is open, its seed committed", async () => {
  // Later than every run of the tests above (they seed at times of their own): it starts again from here.
  const now = Date.now() + 3 * 24 * 3_600_000;
  await seedDemo(now);
  const demo = demoDrops.find((d) => d.waitingRoom?.enabled)!;
  const state = (await getDropState({ id: demo.id, consistent: true }))!;
  expect(state.waitingRoom).toMatchObject({ enabled: true });
  // Counting down, with its pre-queue already open for joiners.
  expect(state.startsAt).toBeGreaterThan(now);
  expect(state.startsAt - demo.waitingRoom!.prequeueMinutes * 60_000).toBeLessThanOrEqual(now);
  expect(await readQueueSeed(demo.id)).toBeDefined();
});
