// The demo seed: names that are only names, also in a `.data/` seeded before they were.
import { expect, it } from "vitest";
import { updateDropInfo } from "@/lib/drop/admin-writes";
import { readDropNames } from "@/lib/drop/drop-reads";
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
