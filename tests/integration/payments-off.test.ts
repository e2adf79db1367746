// PAYMENTS=off: no provider, and the webhook route answers 404 to any event, signed or not, writing nothing.
process.env.PAYMENTS = "off";

import { expect, it } from "vitest";
import { paymentProvider } from "@/lib/payments/hold-payment";
import { ownTable, scanTable } from "./helpers";
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
