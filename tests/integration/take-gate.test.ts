// The admission gate lets no more stock writes go than the cached stock says are left.
import { expect, it } from "vitest";
import { admitTake } from "@/lib/take-gate";
import { createDrop } from "./helpers";

it("admits as many writes as units are left, and the next one only when a write finishes", async () => {
  const drop = await createDrop({ totalStock: 2 });
  const first = await admitTake(drop.id);
  const second = await admitTake(drop.id);
  expect(first).toBeTypeOf("function");
  expect(second).toBeTypeOf("function");

  let thirdAdmitted = false;
  const third = admitTake(drop.id).then((done) => {
    thirdAdmitted = true;
    return done;
  });
  await new Promise((r) => setTimeout(r, 200));
  expect(thirdAdmitted).toBe(false); // two writes in flight for two units: the third waits
  first!();
  const done = await third;
  expect(thirdAdmitted).toBe(true);
  second!();
  done!();
});
