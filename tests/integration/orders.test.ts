// Checkout records the order as the drop was at that moment, under a unique order number, mails the
// shopper a confirmation with the private receipt link, and confirming again changes nothing.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { expect, it } from "vitest";
import { PATCH as editRoute } from "@/app/api/admin/drops/[id]/route";
import { POST as confirmRoute } from "@/app/api/claims/[claimId]/confirm/route";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { isOrderKey, orderKey } from "@/lib/auth/order-link";
import { getClaim } from "@/lib/claim/reads";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import type { Shopper } from "@/lib/schemas/claim";
import { adminToken, call, createDrop, mintShoppers } from "./helpers";

const buyer = { name: "Ada Buyer", email: "ada@example.com", shippingAddress: "1 Drop Street\nSpringfield" };

async function buy(dropId: string, s: Shopper, who = buyer) {
  const held = await call(claimRoute, { params: { id: dropId }, token: s.token });
  const claimId = held.body.claim!.id;
  return { claimId, res: await call(confirmRoute, { params: { claimId }, token: s.token, json: who }) };
}

async function mailsTo(email: string): Promise<string[]> {
  const dir = process.env.MAIL_OUTBOX_DIR as string;
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.includes(email));
  return Promise.all(names.map((n) => readFile(join(dir, n), "utf8")));
}

it("the order is what was bought at checkout, under its own number, and a later edit changes nothing", async () => {
  const drop = await createDrop({
    name: "Aurora Runner",
    priceCents: 18_000,
    currency: "EUR",
    totalStock: 3,
  });
  const [a] = await mintShoppers(1);
  const { claimId, res } = await buy(drop.id, a!);
  expect(res.status).toBe(200);
  expect(res.body.orderUrl).toBe(`/orders/${claimId}?key=${orderKey(claimId)}`);
  const order = {
    productName: "Aurora Runner",
    imageUrl: drop.imageUrl,
    unitPriceCents: 18_000,
    currency: "EUR",
    quantity: 1,
    totalCents: 18_000,
    buyer,
  };
  expect(res.body.claim).toMatchObject({ status: "confirmed", order });
  expect(res.body.claim?.orderNumber).toMatch(/^DR-[2-9A-HJ-NP-Z]{8}$/);

  const edited = await call(editRoute, {
    method: "PATCH",
    params: { id: drop.id },
    token: adminToken(),
    json: { name: "Renamed", priceCents: 1 },
  });
  expect(edited.status).toBe(200);
  expect((await getClaim({ id: claimId }))?.order).toEqual(order);
});

it("order numbers are unique: each is a conditional write that names its claim", async () => {
  const drop = await createDrop({ totalStock: 10 });
  const shoppers = await mintShoppers(8);
  // Each with their own email: one email orders from one shopper per drop (lib/claim/order-email.ts).
  const bought = await Promise.all(
    shoppers.map((s) => buy(drop.id, s, { ...buyer, email: `n-${s.shopperId.slice(0, 8)}@example.com` })),
  );
  const numbers = bought.map((b) => b.res.body.claim!.orderNumber as string);
  expect(new Set(numbers).size).toBe(8);
  for (const [i, n] of numbers.entries()) {
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.orderNumber(n) }));
    expect(Item?.claimId).toBe(bought[i]!.claimId);
  }
});

it("a confirmation mail with the private link goes out once, however often checkout is confirmed", async () => {
  const drop = await createDrop({ name: "Golden Ticket", priceCents: 1999, currency: "JPY", totalStock: 2 });
  const [a] = await mintShoppers(1);
  const email = `mail-${a!.shopperId.slice(0, 8)}@example.com`;
  const { claimId, res } = await buy(drop.id, a!, { ...buyer, email });
  const again = await call(confirmRoute, {
    params: { claimId },
    token: a!.token,
    json: { ...buyer, email },
    headers: { host: "evil.example", "x-forwarded-host": "evil.example" },
  });
  expect(again.status).toBe(200);
  expect(again.body.claim?.orderNumber).toBe(res.body.claim?.orderNumber);
  const mails = await mailsTo(email);
  expect(mails).toHaveLength(1);
  expect(mails[0]).toContain(`Subject: Order ${res.body.claim?.orderNumber}: Golden Ticket`);
  expect(mails[0]).toContain("1 × Golden Ticket at ¥1,999"); // the yen has no minor unit
  // The link is built from APP_URL (here its default outside production), never from the request.
  expect(mails[0]).toContain(`http://localhost:3000/orders/${claimId}?key=${orderKey(claimId)}`);
  expect(mails[0]).not.toContain("test/orders");
});

it("the private key opens only its own order", async () => {
  const drop = await createDrop({ totalStock: 2 });
  const [a, b] = await mintShoppers(2);
  const first = await buy(drop.id, a!);
  const second = await buy(drop.id, b!);
  expect(isOrderKey(first.claimId, orderKey(first.claimId))).toBe(true);
  expect(isOrderKey(first.claimId, orderKey(second.claimId))).toBe(false);
  expect(isOrderKey(first.claimId, undefined)).toBe(false);
  expect(isOrderKey(first.claimId, "")).toBe(false);
});
