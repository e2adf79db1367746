// A hold becomes one order, once: however many confirms race for it (a double click, forty emails at
// once, a release, the expiry), only the confirm that wins it keeps an email and an order number; the
// others' reservations are never taken, or are given back, and never refuse anybody.
import { createHash } from "node:crypto";
import { GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { POST as confirmRoute } from "@/app/api/claims/[claimId]/confirm/route";
import { POST as releaseRoute } from "@/app/api/claims/[claimId]/release/route";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { faults } from "@/lib/claim/faults";
import { expireHold } from "@/lib/claim/holds";
import { getClaim } from "@/lib/claim/reads";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import type { Shopper } from "@/lib/schemas/claim";
import { sleep } from "../../scripts/race/http-pool";
import { call, createDrop, mintShoppers, tally } from "./helpers";

const buyer = (email: string) => ({ name: "Ada Buyer", email, shippingAddress: "1 Drop Street" });
const confirm = (s: Shopper, claimId: string, email: string) =>
  call(confirmRoute, { params: { claimId }, token: s.token, json: buyer(email) });
const hold = async (dropId: string, s: Shopper) =>
  (await call(claimRoute, { params: { id: dropId }, token: s.token })).body.claim!.id;

/** Every item whose key starts with `prefix`, read consistently. */
async function itemsUnder(prefix: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({
        TableName: tableName(),
        ConsistentRead: true,
        FilterExpression: "begins_with(pk, :p)",
        ExpressionAttributeValues: { ":p": prefix },
        ExclusiveStartKey: cursor,
      }),
    );
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return items;
}
const emailReservations = (dropId: string) => itemsUnder(`ORDEREMAIL#${dropId}#`);
const orderNumbersOf = async (claimId: string) =>
  (await itemsUnder("ORDERNO#")).filter((i) => i.claimId === claimId);

afterEach(() => {
  delete faults.beforeCheckoutConfirm;
});

describe("parallel checkouts of one hold", () => {
  it("40 confirms with 40 emails: one order, one email and one number kept, the 39 emails free for others", async () => {
    const drop = await createDrop({ totalStock: 45 });
    const [owner, ...others] = await mintShoppers(40);
    const claimId = await hold(drop.id, owner!);
    const emails = Array.from({ length: 40 }, (_, i) => `race-${i}-${claimId.slice(0, 6)}@example.com`);

    const answers = await Promise.all(emails.map((email) => confirm(owner!, claimId, email)));

    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    const codes = tally(
      answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.body.error?.code}`),
    );
    expect(Object.keys(codes).every((c) => c === "409 IN_PROGRESS" || c === "409 ALREADY_CONFIRMED")).toBe(
      true,
    );
    const order = won[0]!.body.claim!;
    expect(await getClaim({ id: claimId })).toEqual(order);
    const winner = order.order!.buyer.email;

    const reserved = await emailReservations(drop.id);
    expect(reserved).toHaveLength(1);
    expect(reserved[0]).toMatchObject({ shopperId: owner!.shopperId });
    const numbers = await orderNumbersOf(claimId);
    expect(numbers.map((n) => n.pk)).toEqual([`ORDERNO#${order.orderNumber}`]);

    // Every email that lost is free: 39 other shoppers check out with them.
    const losers = emails.filter((e) => e !== winner);
    const bought = await Promise.all(
      losers.map(async (email, i) => confirm(others[i]!, await hold(drop.id, others[i]!), email)),
    );
    expect(tally(bought.map((b) => b.status))).toEqual({ 200: 39 });
    // And the winning email is still the owner's alone.
    const late = await mintShoppers(1);
    const refused = await confirm(late[0]!, await hold(drop.id, late[0]!), winner.toUpperCase());
    expect(refused.body.error?.code).toBe("EMAIL_HAS_ORDER");
  });

  it("a double click (the same body twice at once) answers both with the one order", async () => {
    const drop = await createDrop({ totalStock: 2 });
    const [a] = await mintShoppers(1);
    const claimId = await hold(drop.id, a!);
    const email = `double-${claimId.slice(0, 6)}@example.com`;
    const [first, second] = await Promise.all([confirm(a!, claimId, email), confirm(a!, claimId, email)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.claim).toEqual(first.body.claim);
    expect(await orderNumbersOf(claimId)).toHaveLength(1);
    expect(await emailReservations(drop.id)).toHaveLength(1);
    // Sent again later: the same order; with other details: refused, the order unchanged.
    expect((await confirm(a!, claimId, email.toUpperCase())).body.claim).toEqual(first.body.claim);
    const other = await confirm(a!, claimId, `other-${email}`);
    expect(other.status).toBe(409);
    expect(other.body.error?.code).toBe("ALREADY_CONFIRMED");
    expect(await getClaim({ id: claimId })).toEqual(first.body.claim);
  });
});

describe("a confirm racing a release or the expiry", () => {
  it("a released or expired hold keeps no email and no number, and its email is free for the next shopper", async () => {
    const drop = await createDrop({ totalStock: 60, holdSeconds: 600 });
    const shoppers = await mintShoppers(30);
    const claimIds = await Promise.all(shoppers.map((s) => hold(drop.id, s)));
    const index = new Map(claimIds.map((id, i) => [id, i]));
    const email = (i: number) => `ends-${i}-${drop.id.slice(0, 6)}@example.com`;
    const release = (i: number) =>
      call(releaseRoute, { params: { claimId: claimIds[i]! }, token: shoppers[i]!.token });
    const expire = async (i: number) => {
      const deadline = Date.parse((await getClaim({ id: claimIds[i]! }))!.holdExpiresAt);
      return expireHold({ claimId: claimIds[i]!, dropId: drop.id, now: deadline + 1 });
    };
    // A third of the holds are released as their confirm is sent; the others are released (i % 3 = 1)
    // or expired (i % 3 = 2) once their confirm has reserved its email and number: before its last
    // write for odd i (which then loses and gives them back), racing it for even i.
    const racers: Promise<unknown>[] = [];
    faults.beforeCheckoutConfirm = async (claimId) => {
      const i = index.get(claimId);
      if (i === undefined || i % 3 === 0) return;
      const race = (): Promise<unknown> => (i % 3 === 1 ? release(i) : expire(i));
      if (i % 2) await race();
      else racers.push(sleep(1).then(race));
    };
    const answers = await Promise.all(
      claimIds.map((claimId, i) =>
        i % 3 === 0
          ? Promise.all([confirm(shoppers[i]!, claimId, email(i)), release(i)]).then(([a]) => a)
          : confirm(shoppers[i]!, claimId, email(i)),
      ),
    );
    await Promise.all(racers);
    delete faults.beforeCheckoutConfirm;

    const ended: number[] = [];
    for (const [i, claimId] of claimIds.entries()) {
      const stored = (await getClaim({ id: claimId }))!;
      if (stored.status === "confirmed") {
        expect(answers[i]!.status).toBe(200);
        expect(await orderNumbersOf(claimId)).toHaveLength(1);
      } else {
        ended.push(i);
        expect(answers[i]!.status).toBe(409);
        expect(answers[i]!.body.error?.code).toBe(
          stored.status === "released" ? "HOLD_RELEASED" : "HOLD_EXPIRED",
        );
        expect(await orderNumbersOf(claimId)).toHaveLength(0);
      }
    }
    console.log("confirm vs release/expiry", { confirmed: 30 - ended.length, ended: ended.length });
    expect(ended.length).toBeGreaterThan(0);
    expect(ended.length).toBeLessThan(30);
    expect(await emailReservations(drop.id)).toHaveLength(30 - ended.length);
    // The emails of the holds that ended are anybody's.
    const next = await mintShoppers(ended.length);
    const bought = await Promise.all(
      ended.map(async (i, n) => confirm(next[n]!, await hold(drop.id, next[n]!), email(i))),
    );
    expect(bought.every((b) => b.status === 200)).toBe(true);
  });
});

it("an email reserved before reservations named their claims stays its shopper's, untouched", async () => {
  const drop = await createDrop({ totalStock: 3, maxPerShopper: 2 });
  const [ada, other] = await mintShoppers(2);
  const email = `legacy-${drop.id.slice(0, 6)}@example.com`;
  const key = keys.orderEmail(drop.id, createHash("sha256").update(email).digest("base64url"));
  const legacy = { ...key, shopperId: ada!.shopperId };
  await db().send(new PutCommand({ TableName: tableName(), Item: legacy }));
  const stored = async () =>
    (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;

  expect((await confirm(other!, await hold(drop.id, other!), email)).body.error?.code).toBe(
    "EMAIL_HAS_ORDER",
  );
  expect((await confirm(ada!, await hold(drop.id, ada!), email)).status).toBe(200);
  expect(await stored()).toEqual(legacy);
});
