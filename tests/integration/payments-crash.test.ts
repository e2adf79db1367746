// A real crash between the money and the order (issue 24). An app instance in an OS process of its
// own (tests/integration/fixtures/payer.ts) pays for a hold with the local provider, and SIGKILLs
// itself at a fault point once the payment is recorded succeeded: no catch, no finally, no event
// recorded, nothing in its memory survives. Then the restart: the reconciler (lib/claim/paid.ts),
// twice at once here and once more at the same time in a fresh process, writes the order, once: one
// order number, one confirmation mail, and the drop's ledger holds. The same for a paid draw's
// winner, killed between the capture of its authorisation and its order.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { GET as myEntryRoute } from "@/app/api/drops/[id]/entries/me/route";
import { auditDrop } from "@/lib/claim/audit";
import { reconcilePayments } from "@/lib/claim/paid";
import { getClaimItem } from "@/lib/claim/reads";
import { drawClaimId } from "@/lib/entries/claim-id";
import { providePayments } from "@/lib/payments/hold-payment";
import { localProvider } from "@/lib/payments/local";
import { getPayment } from "@/lib/payments/payments";
import type { ClaimPayment, Shopper } from "@/lib/schemas/claim";
import { call, createDrop, mintShoppers, ownTable, scanTable } from "./helpers";
import {
  buyer,
  claimOf,
  holdOn,
  inProcessDelivery,
  intentFor,
  mailsTo,
  paymentItems,
  postEvent,
  signedEvent,
} from "./payments-helpers";

ownTable("droprush-payments-crash"); // the children inherit the table's name with the environment
process.env.PAYMENTS = "local"; // read once per process by lib/env.ts; the children inherit it too
const provider = localProvider({ deliver: inProcessDelivery().deliver });
providePayments(provider);

type Message = {
  ready?: true;
  payment?: ClaimPayment;
  paid?: { status: string };
  entered?: { status: string };
  offered?: number;
  reconciling?: true;
  settled?: number;
  dying?: { at: string; claimId: string };
};

/** One child process running the payer fixture: its messages in order, and how it ended. */
class Payer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly inbox: Message[] = [];
  private wake?: () => void;
  private stderr = "";
  /** How the process ended: its exit code, or the signal that killed it. */
  readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private gone?: string;

  constructor() {
    // Node with tsx's loader in the same process (the tsx command would start a second one).
    this.child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "tests/integration/fixtures/payer.ts"],
      { env: process.env, cwd: process.cwd() },
    );
    createInterface({ input: this.child.stdout }).on("line", (line) => {
      if (!line.startsWith("@@")) return;
      this.inbox.push(JSON.parse(line.slice(2)) as Message);
      this.wake?.();
    });
    this.child.stderr.on("data", (chunk: Buffer) => (this.stderr = (this.stderr + chunk).slice(-4000)));
    this.ended = new Promise((resolve) =>
      this.child.on("exit", (code, signal) => {
        this.gone = `exited (${code ?? signal}): ${this.stderr}`;
        this.wake?.();
        resolve({ code, signal });
      }),
    );
  }

  send(command: Record<string, unknown>): void {
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
  }

  /** The next message, which must carry `field`. */
  async next<F extends keyof Message>(field: F): Promise<NonNullable<Message[F]>> {
    while (this.inbox.length === 0) {
      if (this.gone) throw new Error(`payer ${this.gone}`);
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    const message = this.inbox.shift()!;
    if (message[field] === undefined) throw new Error(`expected ${field}, got ${JSON.stringify(message)}`);
    return message[field]!;
  }

  stop(): void {
    this.child.stdin.end(); // the fixture exits when its input ends
  }
}

const started: Payer[] = [];
/** A new instance, once its modules are loaded. */
async function startPayer(): Promise<Payer> {
  const payer = new Payer();
  started.push(payer);
  await payer.next("ready");
  return payer;
}
afterEach(() => {
  for (const p of started.splice(0)) p.stop();
});

/** The order numbers taken for a claim (`ORDERNO#` items): an order's own, and any left behind. */
const orderNumbersOf = async (claimId: string) =>
  (await scanTable())
    .filter((i) => String(i.pk).startsWith("ORDERNO#") && i.claimId === claimId)
    .map((i) => String(i.pk).slice("ORDERNO#".length));

/** The drop's ledger from the audit, in USD cents, with whether it holds. */
async function ledgerOf(dropId: string, cents: { captured: number; paid: number }) {
  const usd = (minor: number) => (minor ? [{ currency: "USD", minor }] : []);
  const report = await auditDrop({ dropId, now: Date.now() + 61_000 });
  expect(report.ledger).toMatchObject({
    paymentsOn: true,
    captured: usd(cents.captured),
    refunded: [],
    paidOrders: usd(cents.paid),
  });
  return { holds: report.ledgerHolds, unsettled: report.ledger.unsettled };
}

/**
 * The restart: a fresh instance's sweeper and this process's two at once, then the provider's resends
 * of the success (×5 at once) and the reconciler again. What each reconciler said.
 */
async function restart(dropId: string, claimId: string, payment: { paymentId: string; amount: number }) {
  const fresh = await startPayer();
  fresh.send({ do: "reconcile", dropId });
  await fresh.next("reconciling"); // its reconciler's first read is on its way: ours start too
  const settled = await Promise.all([
    fresh.next("settled"),
    reconcilePayments({ dropId, now: Date.now() }),
    reconcilePayments({ dropId, now: Date.now() }),
  ]);
  const ordered = (await getClaimItem({ id: claimId }))!;
  // Written by the reconcilers, before any resend of the event could.
  expect(ordered.status, "the hold after the restart's reconcilers").toBe("confirmed");
  // The success event the dead process never recorded, resent; then the sweeper's next turn.
  const success = signedEvent(
    "payment_intent.succeeded",
    intentFor(claimId, payment.paymentId, { amount: payment.amount, status: "succeeded" }),
  );
  const resent = await Promise.all(
    Array.from({ length: 5 }, () => postEvent(success.payload, success.signature)),
  );
  expect(resent.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  await reconcilePayments({ dropId, now: Date.now() });
  return { settled, ordered };
}

/** What a death between the payment and the order must leave: money taken, the hold held, no order. */
async function expectPaidWithoutOrder(dropId: string, claimId: string, email: string, price: number) {
  const item = (await getClaimItem({ id: claimId }))!;
  expect(item.status).toBe("held");
  expect(item.order).toBeUndefined();
  expect(item.orderNumber).toBeUndefined();
  const payment = (await getPayment({ claimId }))!;
  expect(payment.status).toBe("succeeded");
  expect((await provider.getPayment(payment.paymentId)).status).toBe("succeeded");
  expect(await mailsTo(email)).toEqual([]);
  // Money taken, no order: the ledger does not hold, and says why.
  expect(await ledgerOf(dropId, { captured: price, paid: 0 })).toEqual({ holds: false, unsettled: 1 });
  return payment;
}

/** After the restart: one order, its one number, one mail, and the ledger holds. */
async function expectOneOrder(dropId: string, claimId: string, email: string, price: number) {
  const item = (await getClaimItem({ id: claimId }))!;
  expect(item).toMatchObject({
    status: "confirmed",
    order: { totalCents: price, buyer: { email }, payment: { provider: "local", last4: "4242" } },
  });
  expect(await orderNumbersOf(claimId)).toEqual([item.orderNumber]);
  expect(await mailsTo(email)).toHaveLength(1);
  expect(await ledgerOf(dropId, { captured: price, paid: price })).toEqual({ holds: true, unsettled: 0 });
  return item;
}

describe("first-come checkout: the process killed between the payment and the order", () => {
  it.each(["beforePaidOrder", "beforeCheckoutConfirm"] as const)(
    "SIGKILL at %s: after the restart, three reconcilers at once in two processes write one order",
    async (dieAt) => {
      const { drop, shopper, claimId, tag } = await holdOn();
      const { email } = buyer(tag);
      const payer = await startPayer();
      payer.send({ do: "checkout", claimId, token: shopper.token, buyer: buyer(tag), dieAt });
      const { paymentId } = await payer.next("payment");
      expect(await payer.next("dying")).toEqual({ at: dieAt, claimId });
      expect(await payer.ended).toEqual({ code: null, signal: "SIGKILL" });

      const payment = await expectPaidWithoutOrder(drop.id, claimId, email, 2500);
      expect(payment.paymentId).toBe(paymentId);
      // The success was never recorded as applied: the provider would resend it.
      const { events } = await paymentItems();
      expect(events.filter((e) => e.claimId === claimId).map((e) => e.type)).not.toContain(
        "payment_intent.succeeded",
      );
      // Killed inside the checkout, the dead process's lease and order number are on the hold.
      const taken = await orderNumbersOf(claimId);
      expect(taken).toHaveLength(dieAt === "beforeCheckoutConfirm" ? 1 : 0);

      const { settled, ordered } = await restart(drop.id, claimId, { paymentId, amount: 2500 });
      console.log(`killed at ${dieAt}; the restart's reconcilers settled ${settled.join("/")}`);
      const item = await expectOneOrder(drop.id, claimId, email, 2500);
      // The order the reconcilers wrote is the one that stands, however often it was told since.
      expect(item.orderNumber).toBe(ordered.orderNumber);
      expect(item.confirmId).toBe(ordered.confirmId);
      if (taken.length) expect(item.orderNumber).toBe(taken[0]); // the dead checkout's number, joined
      expect(await claimOf(claimId, shopper)).toMatchObject({
        status: "confirmed",
        payment: { status: "succeeded" },
      });
    },
  );
});

describe("a paid draw: the process killed between the winner's capture and its order", () => {
  it("SIGKILL at beforePaidOrder in the draw's offers: after the restart, the reconcilers write the order once", async () => {
    const PRICE = 3000;
    const payer = await startPayer();
    const [s] = (await mintShoppers(1)) as [Shopper];
    const drop = await createDrop({
      mode: "draw",
      totalStock: 1,
      priceCents: PRICE,
      holdSeconds: 60,
      botDefence: "off",
      endsAt: new Date(Date.now() + 3_500).toISOString(), // time to enter, however busy the machine
    });
    const tag = `crash-draw-${drop.id}`.toLowerCase();
    const { email } = buyer(tag);
    payer.send({ do: "enter", dropId: drop.id, token: s.token, buyer: buyer(tag) });
    expect(await payer.next("entered")).toMatchObject({ status: "requires_capture" });
    const me = await call(myEntryRoute, { params: { id: drop.id }, token: s.token });
    expect(me.body.payment).toMatchObject({ status: "authorised", amountMinor: PRICE });
    const claimId = drawClaimId(drop.id, (me.body.entry as { id: string }).id);

    payer.send({ do: "draw", dropId: drop.id, endsAt: drop.endsAt, dieAt: "beforePaidOrder" });
    expect(await payer.next("dying")).toEqual({ at: "beforePaidOrder", claimId });
    expect(await payer.ended).toEqual({ code: null, signal: "SIGKILL" });

    // The card charged (captured at the provider, recorded succeeded), the winner's hold without its order.
    const payment = await expectPaidWithoutOrder(drop.id, claimId, email, PRICE);
    const { settled } = await restart(drop.id, claimId, { paymentId: payment.paymentId, amount: PRICE });
    console.log(
      `draw winner killed at beforePaidOrder; the restart's reconcilers settled ${settled.join("/")}`,
    );
    await expectOneOrder(drop.id, claimId, email, PRICE);
    const after = await call(myEntryRoute, { params: { id: drop.id }, token: s.token });
    expect(after.body).toMatchObject({
      result: "won",
      claim: { status: "confirmed" },
      payment: { status: "succeeded" },
    });
  });
});
