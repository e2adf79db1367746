// The payments writes on a database that loses answers (applied, then the SDK resends them), and a
// process that dies between applying an event and recording it: one state, one record, each time.
import { describe, expect, it } from "vitest";
import { advancePayment, getPayment, recordPayment } from "@/lib/payments/payments";
import { withFaultProxy } from "./faults";
import { intentFor, paymentItems, postEvent, signedEvent } from "./payments-helpers";

const proxy = await withFaultProxy();
// Read once per process by lib/env.ts: said here, so no other file of this worker decides it.
process.env.PAYMENTS = "local";

let n = 0;
const ids = () => ({ claimId: `claim-pf-${process.pid}-${++n}`, paymentId: `pi_pf_${process.pid}_${n}` });
const created = (claimId: string, paymentId: string) => ({
  id: paymentId,
  claimId,
  amountMinor: 1999,
  currency: "usd",
  status: "requires_payment_method" as const,
  clientSecret: "s",
});

describe("lost answers", () => {
  it("the payment's Put: the resend is refused, the stored payment answered, one item", async () => {
    const { claimId, paymentId } = ids();
    proxy.setRules([{ kind: "lose-response", ops: ["PutItem"], key: `PAY#${claimId}`, times: 1 }]);
    proxy.resetStats();
    const payment = await recordPayment({
      provider: "local",
      payment: created(claimId, paymentId),
      now: Date.now(),
    });
    expect(proxy.stats().injected["lose-response"]).toBe(1);
    expect(payment).toMatchObject({ status: "created", paymentId });
    expect((await paymentItems()).payments.filter((p) => p.claimId === claimId)).toHaveLength(1);
  });

  it("the webhook's transition: the resend is refused, recognised as ours (applied), once", async () => {
    const { claimId, paymentId } = ids();
    await recordPayment({ provider: "local", payment: created(claimId, paymentId), now: Date.now() });
    const ok = signedEvent("payment_intent.succeeded", intentFor(claimId, paymentId));
    proxy.setRules([{ kind: "lose-response", ops: ["UpdateItem"], key: `PAY#${claimId}`, times: 1 }]);
    proxy.resetStats();
    const res = await postEvent(ok.payload, ok.signature);
    expect(proxy.stats().injected["lose-response"]).toBe(1);
    expect(res).toMatchObject({ status: 200, body: { applied: true, duplicate: false } });
    expect(await getPayment({ claimId })).toMatchObject({ status: "succeeded", eventId: ok.id });
  });

  it("the event's record: the resend is refused, the delivery still 200, one record", async () => {
    const { claimId, paymentId } = ids();
    const ok = signedEvent("payment_intent.succeeded", intentFor(claimId, paymentId));
    proxy.setRules([{ kind: "lose-response", ops: ["PutItem"], key: `PAYEVENT#${ok.id}`, times: 1 }]);
    proxy.resetStats();
    const res = await postEvent(ok.payload, ok.signature);
    expect(proxy.stats().injected["lose-response"]).toBe(1);
    expect(res).toMatchObject({ status: 200, body: { applied: true } });
    expect((await paymentItems()).events.filter((e) => e.pk === `PAYEVENT#${ok.id}`)).toHaveLength(1);
  });
});

it("a crash after the transition, before the record: the provider's resend is applied again harmlessly", async () => {
  const { claimId, paymentId } = ids();
  const ok = signedEvent("payment_intent.succeeded", intentFor(claimId, paymentId));
  // The first delivery's process moved the payment and died before recording the event.
  await advancePayment({
    provider: "local",
    payment: { id: paymentId, claimId, amountMinor: 1999, currency: "usd" },
    to: "succeeded",
    eventId: ok.id,
    now: Date.now(),
  });
  const resend = await postEvent(ok.payload, ok.signature);
  expect(resend).toMatchObject({ status: 200, body: { applied: false } });
  expect(await getPayment({ claimId })).toMatchObject({ status: "succeeded", eventId: ok.id });
  expect((await paymentItems()).events.filter((e) => e.pk === `PAYEVENT#${ok.id}`)).toHaveLength(1);
  expect((await postEvent(ok.payload, ok.signature)).body.duplicate).toBe(true);
});
