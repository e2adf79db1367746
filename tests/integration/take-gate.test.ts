// The admission gate lets no more stock writes go than the cached stock says are left.
import { expect, it } from "vitest";
import { admitTake } from "@/lib/claim/take-gate";
import { createDrop } from "./helpers";

it("admits as many writes as units are left, and the next one only when a write finishes", async () => {
  const drop = await createDrop({ totalStock: 2 });
  const first = await admitTake(drop.id);
  const second = await admitTake(drop.id);
  expect(first?.release).toBeTypeOf("function");
  expect(second?.release).toBeTypeOf("function");

  let thirdAdmitted = false;
  const third = admitTake(drop.id).then((done) => {
    thirdAdmitted = true;
    return done;
  });
  // The cache is warm, so the third has checked the gate within a few turns of the event loop.
  for (let turn = 0; turn < 5; turn++) await new Promise((r) => setImmediate(r));
  expect(thirdAdmitted).toBe(false); // two writes in flight for two units: the third waits
  first!.release();
  const admitted = await third;
  expect(thirdAdmitted).toBe(true);
  second!.release();
  admitted!.release();
});
