// The local provider end to end: Stripe's documented test cards and their outcomes, each change sent
// as a signed event into the real webhook route, and the hold's payment item as it ends up.
import { describe, expect, it } from "vitest";
import { localProvider, type TestCard } from "@/lib/payments/local";
import { createHoldPayment } from "@/lib/payments/hold-payment";
import { getPayment } from "@/lib/payments/payments";
import { ownTable } from "./helpers";
import { inProcessDelivery, newHold, paymentItems } from "./payments-helpers";

ownTable("droprush-payments-local");
// Read once per process by lib/env.ts: said here, so no other file of this worker decides it.
process.env.PAYMENTS = "local";

const { deliver, answers } = inProcessDelivery();
const local = localProvider({ deliver });

async function paymentFor(priceCents = 1999) {
  const { claimId } = await newHold(priceCents);
  const { payment, clientSecret } = await createHoldPayment({
    provider: local,
    claimId,
    amountMinor: priceCents,
    currency: "USD",
    now: Date.now(),
  });
  return { claimId, paymentId: payment.paymentId, payment, clientSecret };
}

describe("the local provider's test cards", () => {
  it("4242 4242 4242 4242 succeeds: the hold's payment is succeeded", async () => {
    const { claimId, paymentId, payment, clientSecret } = await paymentFor(2500);
    expect(payment).toMatchObject({
      status: "created",
      provider: "local",
      amountMinor: 2500,
      currency: "usd",
    });
    expect(clientSecret).toMatch(new RegExp(`^${paymentId}_secret_`));
    const after = await local.confirmCard({ paymentId, cardNumber: "4242 4242 4242 4242" });
    expect(after.status).toBe("succeeded");
    expect(await getPayment({ claimId })).toMatchObject({
      status: "succeeded",
      paymentId,
      amountMinor: 2500,
    });
  });

  it.each([
    ["4000000000000002", "generic_decline"],
    ["4000000000009995", "insufficient_funds"],
  ] as const)("%s declines (%s): the payment failed, with the reason", async (card, declineCode) => {
    const { claimId, paymentId } = await paymentFor();
    const after = await local.confirmCard({ paymentId, cardNumber: card satisfies TestCard });
    expect(after).toMatchObject({
      status: "requires_payment_method",
      failure: { code: "card_declined", declineCode },
    });
    expect(await getPayment({ claimId })).toMatchObject({
      status: "failed",
      failure: { code: "card_declined", declineCode },
    });
  });

  it("4000 0025 0000 3155 asks for authentication: approved it succeeds, refused it fails", async () => {
    const approved = await paymentFor();
    const step = await local.confirmCard({ paymentId: approved.paymentId, cardNumber: "4000002500003155" });
    expect(step.status).toBe("requires_action");
    expect((await getPayment({ claimId: approved.claimId }))?.status).toBe("created");
    await local.authenticate({ paymentId: approved.paymentId, approve: true });
    expect((await getPayment({ claimId: approved.claimId }))?.status).toBe("succeeded");

    const refused = await paymentFor();
    await local.confirmCard({ paymentId: refused.paymentId, cardNumber: "4000002500003155" });
    await local.authenticate({ paymentId: refused.paymentId, approve: false });
    expect(await getPayment({ claimId: refused.claimId })).toMatchObject({
      status: "failed",
      failure: { code: "payment_intent_authentication_failure" },
    });
  });

  it("a decline, then another card on the same payment succeeds", async () => {
    const { claimId, paymentId } = await paymentFor();
    await local.confirmCard({ paymentId, cardNumber: "4000000000000002" });
    expect((await getPayment({ claimId }))?.status).toBe("failed");
    await local.confirmCard({ paymentId, cardNumber: "4242424242424242" });
    const paid = await getPayment({ claimId });
    expect(paid?.status).toBe("succeeded");
    expect(paid?.failure).toBeUndefined();
  });

  it("a number that is not one of Stripe's test cards is refused, and nothing moves", async () => {
    const { claimId, paymentId } = await paymentFor();
    await expect(local.confirmCard({ paymentId, cardNumber: "4111111111111112" })).rejects.toThrow(
      /test card numbers only/,
    );
    expect((await getPayment({ claimId }))?.status).toBe("created");
  });
});

describe("one payment per hold", () => {
  it("creating a hold's payment again (×5 at once) answers the same payment, stored once", async () => {
    const { claimId } = await newHold();
    const created = await Promise.all(
      Array.from({ length: 5 }, () =>
        createHoldPayment({ provider: local, claimId, amountMinor: 1999, currency: "USD", now: Date.now() }),
      ),
    );
    expect(new Set(created.map((c) => c.payment.paymentId)).size).toBe(1);
    const { payments } = await paymentItems();
    expect(payments.filter((p) => p.claimId === claimId)).toHaveLength(1);
  });

  it("a refund of a succeeded payment, asked twice, is one refund and the payment ends refunded", async () => {
    const { claimId, paymentId } = await paymentFor();
    await local.confirmCard({ paymentId, cardNumber: "4242424242424242" });
    const [first, second] = [
      await local.refund({ paymentId, claimId }),
      await local.refund({ paymentId, claimId }),
    ];
    expect(second.id).toBe(first.id);
    expect((await getPayment({ claimId }))?.status).toBe("refunded");
    const { events } = await paymentItems();
    expect(events.filter((e) => e.claimId === claimId && e.type === "refund.created")).toHaveLength(1);
  });

  it("every event the local provider sent was signed as Stripe signs and answered 200", () => {
    expect(answers.length).toBeGreaterThan(10);
    expect(answers.every((a) => a.status === 200)).toBe(true);
  });
});
