// PAYMENTS=off: no provider, and the webhook route answers 404 to any event, signed or not, writing nothing;
// an order is refused a refund, and the ledger holds trivially.
process.env.PAYMENTS = "off";

import { expect, it } from "vitest";
import { POST as refundRoute } from "@/app/api/admin/drops/[id]/orders/[claimId]/refund/route";
import { POST as confirmRoute } from "@/app/api/claims/[claimId]/confirm/route";
import { auditDrop } from "@/lib/claim/audit";
import { paymentProvider } from "@/lib/payments/hold-payment";
import { adminToken, call, claimWithKey, createDrop, mintShopper, ownTable, scanTable } from "./helpers";
import { intentFor, postEvent, signedEvent } from "./payments-helpers";

ownTable("droprush-payments-off");

it("has no provider, and the webhook is not there", async () => {
  expect(paymentProvider()).toBeUndefined();
  const before = await scanTable();
  const event = signedEvent("payment_intent.succeeded", intentFor("claim-off", "pi_off"));
  expect(await postEvent(event.payload, event.signature)).toMatchObject({
    status: 404,
    body: { error: { code: "NOT_FOUND" } },
  });
  expect(await scanTable()).toEqual(before);
});

it("an order cannot be refunded (409 NOT_PAID, nothing written), and the ledger says no money moved", async () => {
  const drop = await createDrop({ totalStock: 2, priceCents: 2500 });
  const shopper = await mintShopper();
  const { claimId } = await claimWithKey(drop.id, shopper, "off");
  const buyer = { name: "Ada", email: "ada-off@example.com", shippingAddress: "1 Drop Street" };
  const order = await call(confirmRoute, {
    params: { claimId: claimId! },
    token: shopper.token,
    json: buyer,
  });
  expect(order.body.claim).toMatchObject({ status: "confirmed" });
  const before = await scanTable();
  const res = await call(refundRoute, {
    params: { id: drop.id, claimId: claimId! },
    token: adminToken(),
    json: { restock: true },
  });
  expect([res.status, res.body.error?.code]).toEqual([409, "NOT_PAID"]);
  expect(await scanTable()).toEqual(before);
  expect(await auditDrop({ dropId: drop.id })).toMatchObject({
    confirmed: 1,
    ledgerHolds: true,
    ledger: { paymentsOn: false, note: "payments off: no money moved", captured: [], unpaidOrders: 0 },
  });
});
