// Holding without buying is not free (issue 12): past EXPIRED_HOLDS_LIMIT (default 2) holds of a
// drop that expired unbought, a shopper cannot claim it again; and one email orders from one
// shopper per drop.
import { expect, it } from "vitest";
import { POST as confirmRoute } from "@/app/api/claims/[claimId]/confirm/route";
import { POST as releaseRoute } from "@/app/api/claims/[claimId]/release/route";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { expireHold } from "@/lib/claim/holds";
import { getClaim } from "@/lib/claim/reads";
import type { Shopper } from "@/lib/schemas/claim";
import { call, createDrop, dropState, mintShoppers } from "./helpers";

const claim = (dropId: string, s: Shopper) => call(claimRoute, { params: { id: dropId }, token: s.token });
const letExpire = (c: { id: string; dropId: string; holdExpiresAt: string }) =>
  expireHold({ claimId: c.id, dropId: c.dropId, now: Date.parse(c.holdExpiresAt) + 1 });

it("two holds left to expire, and the third claim of that drop is refused; other drops and releases are not counted", async () => {
  const drop = await createDrop({ totalStock: 5, holdSeconds: 10 });
  const other = await createDrop({ totalStock: 5, holdSeconds: 10 });
  const [bot, human] = await mintShoppers(2);
  for (let i = 0; i < 2; i++) {
    const won = await claim(drop.id, bot!);
    expect(won.status).toBe(201);
    expect(await letExpire(won.body.claim!)).toBe(true);
  }
  const refused = await claim(drop.id, bot!);
  expect(refused.status).toBe(409);
  expect(refused.body.error?.code).toBe("TOO_MANY_EXPIRED_HOLDS");
  expect((await dropState(drop.id))!.remainingStock).toBe(5); // nothing taken
  expect((await claim(other.id, bot!)).status).toBe(201); // another drop: a fresh start

  // Releasing gives the unit back at once: not counted.
  for (let i = 0; i < 3; i++) {
    const won = await claim(drop.id, human!);
    expect(won.status).toBe(201);
    expect(
      (await call(releaseRoute, { params: { claimId: won.body.claim!.id }, token: human!.token })).status,
    ).toBe(200);
  }
  expect((await claim(drop.id, human!)).status).toBe(201);
});

it("one email, one shopper per drop: another shopper's checkout with it is refused, the same shopper's next unit is not", async () => {
  const drop = await createDrop({ totalStock: 5, maxPerShopper: 2 });
  const [ada, farm] = await mintShoppers(2);
  const who = (email: string) => ({ name: "Ada", email, shippingAddress: "1 Drop Street" });
  const confirm = (s: Shopper, claimId: string, email: string) =>
    call(confirmRoute, { params: { claimId }, token: s.token, json: who(email) });

  const first = (await claim(drop.id, ada!)).body.claim!;
  expect((await confirm(ada!, first.id, "Ada@Example.COM")).status).toBe(200);
  const theirs = (await claim(drop.id, farm!)).body.claim!;
  const refused = await confirm(farm!, theirs.id, "ada@example.com");
  expect(refused.status).toBe(409);
  expect(refused.body.error?.code).toBe("EMAIL_HAS_ORDER");
  expect((await getClaim({ id: theirs.id }))?.status).toBe("held"); // refused, nothing changed
  expect((await confirm(farm!, theirs.id, "farm@example.com")).status).toBe(200);

  const second = (await claim(drop.id, ada!)).body.claim!;
  expect((await confirm(ada!, second.id, "ada@example.com")).status).toBe(200);
});
