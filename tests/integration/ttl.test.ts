// Short-lived items carry a DynamoDB TTL (epoch seconds), so a real table stays small. Nothing may
// rely on it: dynalite never deletes, DynamoDB deletes days late.
import { GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { expect, it } from "vitest";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { DELETE as signOutRoute, POST as signInRoute } from "@/app/api/admin/session/route";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import { adminToken, call, createDrop, mintShoppers } from "./helpers";

it("an Idempotency-Key's item lives until a week past its drop's end", async () => {
  const drop = await createDrop({ totalStock: 2 });
  const [s] = await mintShoppers(1);
  const res = await call(claimRoute, {
    params: { id: drop.id },
    token: s!.token,
    headers: { "idempotency-key": "ttl-key" },
  });
  expect(res.status).toBe(201);
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.idempotency(drop.id, s!.shopperId, "ttl-key") }),
  );
  expect(Item?.ttl).toBe(Math.ceil((Date.parse(drop.endsAt) + 7 * 86_400_000) / 1000));
});

it("an admin sign-out record lives until its session would have expired", async () => {
  const signIn = await call(signInRoute, { path: "/api/admin/session", json: { token: adminToken() } });
  const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
  expect((await call(signOutRoute, { path: "/api/admin/session", headers: { cookie } })).status).toBe(200);
  const { Items = [] } = await db().send(
    new ScanCommand({
      TableName: tableName(),
      FilterExpression: "begins_with(pk, :p)",
      ExpressionAttributeValues: { ":p": "ADMINSIGNOUT#" },
    }),
  );
  expect(Items.length).toBeGreaterThan(0);
  for (const item of Items) expect(item.ttl).toBe(Math.ceil((item.expiresAt as number) / 1000));
});
