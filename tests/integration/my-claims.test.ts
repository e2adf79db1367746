// GET /api/shoppers/me/claims (the "My orders" page): a shopper's holds and orders on every drop,
// newest first, each with its drop's name, its state and the links that work for it; only their
// own; 401 without a good token; at most 50 however many they have.
import { setTimeout as sleep } from "node:timers/promises";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { POST as confirmRoute } from "@/app/api/claims/[claimId]/confirm/route";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { GET as myClaimsRoute } from "@/app/api/shoppers/me/claims/route";
import { isOrderKey, orderPath } from "@/lib/auth/order-link";
import { getClaim } from "@/lib/claim/reads";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import type { MyClaim, Shopper } from "@/lib/schemas/claim";
import { call, createDrop, mintShoppers, type Body, type Called } from "./helpers";

const buyer = { name: "Ada Buyer", email: "ada@example.com", shippingAddress: "1 Drop Street\nSpringfield" };

type Answer = Omit<Called, "body"> & {
  body: { claims?: MyClaim[]; truncated?: boolean; error?: Body["error"] };
};
const mine = async (token?: string) =>
  (await call(myClaimsRoute, { path: "/api/shoppers/me/claims", token })) as unknown as Answer;
async function claim(dropId: string, s: Shopper): Promise<string> {
  const res = await call(claimRoute, { params: { id: dropId }, token: s.token });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.claim!.id;
}

describe("a shopper's claims across drops", () => {
  it("lists their own hold and order, newest first, with names, states and working links", async () => {
    const [first, second] = [
      await createDrop({ name: "Aurora Runner" }),
      await createDrop({ name: "Midnight Hoodie" }),
    ];
    const [a, b] = await mintShoppers(2);
    const held = await claim(first.id, a!);
    await sleep(5); // two instants, so "newest first" has one answer
    const ordered = await claim(second.id, a!);
    const confirmed = await call(confirmRoute, {
      params: { claimId: ordered },
      token: a!.token,
      json: buyer,
    });
    expect(confirmed.status).toBe(200);
    const others = await claim(first.id, b!);

    const res = await mine(a!.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body.truncated).toBe(false);
    expect(res.body.claims).toEqual([
      expect.objectContaining({
        claimId: ordered,
        dropId: second.id,
        dropName: "Midnight Hoodie",
        state: "confirmed",
        orderNumber: confirmed.body.claim!.orderNumber,
        dropUrl: `/drops/${second.id}`,
        receiptUrl: orderPath(ordered),
      }),
      expect.objectContaining({
        claimId: held,
        dropId: first.id,
        dropName: "Aurora Runner",
        state: "held",
        dropUrl: `/drops/${first.id}`,
      }),
    ]);
    // The receipt link carries the key that opens it (app/orders/[claimId]); a hold has none.
    const receipt = new URL(res.body.claims![0]!.receiptUrl!, "http://test");
    expect(isOrderKey(ordered, receipt.searchParams.get("key") ?? undefined)).toBe(true);
    expect(res.body.claims![1]).not.toHaveProperty("receiptUrl");
    // No buyer's details in the list: only what the page shows.
    expect(JSON.stringify(res.body)).not.toContain(buyer.email);

    // The other shopper sees their own claim only, on the same drop.
    const theirs = await mine(b!.token);
    expect(theirs.body.claims!.map((c) => c.claimId)).toEqual([others]);
    expect(JSON.stringify(theirs.body)).not.toContain(held);
    expect(JSON.stringify(theirs.body)).not.toContain(ordered);
  });

  it("says a hold past its deadline expired, before the sweeper has ended it", async () => {
    const drop = await createDrop({ name: "Lapsed" });
    const [s] = await mintShoppers(1);
    const id = await claim(drop.id, s!);
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.claim(id),
        UpdateExpression: "SET holdExpiresAt = :past",
        ExpressionAttributeValues: { ":past": new Date(Date.now() - 1_000).toISOString() },
      }),
    );
    const [entry] = (await mine(s!.token)).body.claims!;
    expect(entry).toMatchObject({ claimId: id, state: "expired", dropUrl: `/drops/${drop.id}` });
  });

  it("is 401 without a token, with a wrong one, and with an admin's", async () => {
    expect((await mine()).status).toBe(401);
    expect((await mine()).body.error?.code).toBe("UNAUTHENTICATED");
    expect((await mine("not-a-token")).status).toBe(401);
    expect((await mine(process.env.ADMIN_TOKEN)).status).toBe(401);
  });

  it("answers a fresh shopper with an empty list", async () => {
    const [s] = await mintShoppers(1);
    expect((await mine(s!.token)).body).toEqual({ claims: [], truncated: false });
  });

  it("answers at most 50, the newest, and says there were more", async () => {
    const drop = await createDrop({ name: "Many", totalStock: 100, maxPerShopper: 100 });
    const [s] = await mintShoppers(1);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push(await claim(drop.id, s!));
    const res = await mine(s!.token);
    expect(res.body.truncated).toBe(true);
    const listed = res.body.claims!;
    expect(listed).toHaveLength(50);
    const times = listed.map((c) => c.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    // The ten left out are none newer than any listed.
    const left = ids.filter((id) => !listed.some((c) => c.claimId === id));
    expect(left).toHaveLength(10);
    const stored = await Promise.all(left.map((id) => getClaim({ id })));
    for (const c of stored) expect(c!.createdAt <= times.at(-1)!).toBe(true);
  });
});
