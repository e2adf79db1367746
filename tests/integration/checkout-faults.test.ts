// Checkout on a database that fails: each of its four writes with its answer lost (applied, then the
// SDK resends it), and a process that dies between two of them, still make exactly one order, with
// one email and one order number kept for it and one confirmation mail.
import { readdir } from "node:fs/promises";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { POST as confirmRoute } from "@/app/api/claims/[claimId]/confirm/route";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { faults } from "@/lib/claim/faults";
import { getClaim } from "@/lib/claim/reads";
import { checkOut } from "@/lib/claim/shopper-actions";
import { db, tableName } from "@/lib/db/client";
import type { Shopper } from "@/lib/schemas/claim";
import type { FaultRule } from "@/scripts/faults/proxy";
import { withFaultProxy } from "./faults";
import { call, createDrop, mintShoppers } from "./helpers";

const proxy = await withFaultProxy();
afterEach(() => {
  delete faults.beforeCheckoutConfirm;
});

const buyer = (email: string) => ({ name: "Ada Buyer", email, shippingAddress: "1 Drop Street" });
const confirm = (s: Shopper, claimId: string, email: string) =>
  call(confirmRoute, { params: { claimId }, token: s.token, json: buyer(email) });
const hold = async (dropId: string, s: Shopper) =>
  (await call(claimRoute, { params: { id: dropId }, token: s.token })).body.claim!.id;

async function itemsUnder(prefix: string) {
  const { Items = [] } = await db().send(
    new ScanCommand({
      TableName: tableName(),
      ConsistentRead: true,
      FilterExpression: "begins_with(pk, :p)",
      ExpressionAttributeValues: { ":p": prefix },
    }),
  );
  return Items;
}
const mailsTo = async (email: string) =>
  (await readdir(process.env.MAIL_OUTBOX_DIR as string).catch(() => [] as string[])).filter((n) =>
    n.includes(email),
  );

/** One shopper's checkout of a fresh hold, with `lose` choosing the write whose answer is lost. */
async function checkoutLosing(lose: (ids: { claimId: string; dropId: string }) => FaultRule, last = false) {
  const drop = await createDrop({ totalStock: 2 });
  const [a] = await mintShoppers(1);
  const claimId = await hold(drop.id, a!);
  const email = `lost-${claimId.slice(0, 8).toLowerCase()}@example.com`;
  const rule = lose({ claimId, dropId: drop.id });
  // The confirm's own write on the claim is its second: its rule is set once the first has passed.
  if (last) faults.beforeCheckoutConfirm = () => proxy.setRules([rule]);
  else proxy.setRules([rule]);
  proxy.resetStats();
  const res = await confirm(a!, claimId, email);
  expect(proxy.stats().injected["lose-response"]).toBe(1);
  expect(res.status).toBe(200);
  const claim = await getClaim({ id: claimId });
  expect(claim).toMatchObject({ status: "confirmed", order: { buyer: { email } } });
  expect(res.body.claim).toEqual(claim);
  expect((await itemsUnder("ORDERNO#")).filter((i) => i.claimId === claimId)).toEqual([
    { pk: `ORDERNO#${claim!.orderNumber}`, claimId },
  ]);
  expect(await itemsUnder(`ORDEREMAIL#${drop.id}#`)).toHaveLength(1);
  expect(await mailsTo(email)).toHaveLength(1);
}

describe("a lost answer on each write of a checkout still makes one order", () => {
  it("the lease on the claim", () =>
    checkoutLosing(({ claimId }) => ({
      kind: "lose-response",
      ops: ["UpdateItem"],
      key: `CLAIM#${claimId}`,
      times: 1,
    })));
  it("the email's reservation", () =>
    checkoutLosing(({ dropId }) => ({
      kind: "lose-response",
      ops: ["UpdateItem"],
      key: `ORDEREMAIL#${dropId}#`,
      times: 1,
    })));
  it("the order number", () =>
    checkoutLosing(() => ({ kind: "lose-response", ops: ["PutItem"], key: "ORDERNO#", times: 1 })));
  it("the confirm", () =>
    checkoutLosing(
      ({ claimId }) => ({ kind: "lose-response", ops: ["UpdateItem"], key: `CLAIM#${claimId}`, times: 1 }),
      true,
    ));
});

describe("a process that dies in the middle of a checkout", () => {
  const crash = () => {
    faults.beforeCheckoutConfirm = () => {
      throw new Error("injected crash before the confirm");
    };
  };

  it("the same checkout sent again finishes it, with the same email and number", async () => {
    const drop = await createDrop({ totalStock: 2 });
    const [a] = await mintShoppers(1);
    const claimId = await hold(drop.id, a!);
    const email = `resume-${claimId.slice(0, 8).toLowerCase()}@example.com`;
    crash();
    expect((await confirm(a!, claimId, email)).status).toBe(500);
    delete faults.beforeCheckoutConfirm;
    const numbers = await itemsUnder("ORDERNO#");
    const res = await confirm(a!, claimId, email);
    expect(res.status).toBe(200);
    const mine = (await itemsUnder("ORDERNO#")).filter((i) => i.claimId === claimId);
    expect(mine).toEqual([{ pk: `ORDERNO#${res.body.claim!.orderNumber}`, claimId }]);
    expect(numbers.filter((i) => i.claimId === claimId)).toEqual(mine); // taken by the first try
    expect(await itemsUnder(`ORDEREMAIL#${drop.id}#`)).toHaveLength(1);
  });

  it("other details wait until the dead checkout's writer is surely gone; its email refuses nobody", async () => {
    const drop = await createDrop({ totalStock: 3, holdSeconds: 600 });
    const [a, b] = await mintShoppers(2);
    const claimId = await hold(drop.id, a!);
    const first = `dead-${claimId.slice(0, 8).toLowerCase()}@example.com`;
    const second = `alive-${claimId.slice(0, 8).toLowerCase()}@example.com`;
    crash();
    expect((await confirm(a!, claimId, first)).status).toBe(500);
    delete faults.beforeCheckoutConfirm;

    const soon = await confirm(a!, claimId, second);
    expect(soon.status).toBe(409);
    expect(soon.body.error?.code).toBe("IN_PROGRESS");
    // The first email is reserved for a checkout that may still be resumed: nobody else gets it yet.
    const theirs = await hold(drop.id, b!);
    expect((await confirm(b!, theirs, first)).body.error?.code).toBe("EMAIL_HAS_ORDER");

    const later = Date.now() + 61_000; // past the longest a writer can live
    const { claim } = await checkOut({
      claimId,
      shopperId: a!.shopperId,
      buyer: buyer(second),
      now: later,
    });
    expect(claim).toMatchObject({ status: "confirmed", order: { buyer: { email: second } } });
    // The dead checkout's email names a claim confirmed with another one: the next shopper takes it over.
    const taken = await confirm(b!, theirs, first);
    expect(taken.status).toBe(200);
    const reserved = await itemsUnder(`ORDEREMAIL#${drop.id}#`);
    expect(reserved.map((r) => r.shopperId).sort()).toEqual([a!.shopperId, b!.shopperId].sort());
  });
});
