// A retry with the same Idempotency-Key gets its claim back even after the drop sold out.
import { expect, it } from "vitest";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { getLiveState } from "@/lib/claim/live-state";
import { call, createDrop, dropState, mintShoppers } from "./helpers";

it("a keyed retry after the sell-out replays the claim instead of answering SOLD_OUT", async () => {
  const drop = await createDrop({ totalStock: 1 });
  const [winner, loser] = await mintShoppers(2);
  const headers = { "idempotency-key": "order-42" };
  const first = await call(claimRoute, { params: { id: drop.id }, token: winner!.token, headers });
  expect(first.status).toBe(201);
  expect((await call(claimRoute, { params: { id: drop.id }, token: loser!.token })).body.error?.code).toBe(
    "SOLD_OUT",
  );
  // A second later by the cache's clock: it reloads the drop, and now says sold out.
  expect((await getLiveState(drop.id, Date.now() + 1100))?.remainingStock).toBe(0);

  const retry = await call(claimRoute, { params: { id: drop.id }, token: winner!.token, headers });
  expect(retry.status).toBe(200);
  expect(retry.body.claim?.id).toBe(first.body.claim?.id);
  // The same key from another shopper is a different request.
  expect(
    (await call(claimRoute, { params: { id: drop.id }, token: loser!.token, headers })).body.error?.code,
  ).toBe("SOLD_OUT");
  expect((await dropState(drop.id))!.remainingStock).toBe(0);
});
