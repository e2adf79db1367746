// Rotating SESSION_SECRET and DRAW_SIGNING_KEY (docs/configuration.md#rotating-secrets): with the old
// value as X_PREVIOUS, everything it signed still verifies (shopper tokens, admin and member
// sessions, order links, proof-of-work challenges, the local provider's webhook events, draw
// receipts, waiting-room passes and tickets); what is signed from then on is signed with the new
// value only; and without X_PREVIOUS the old value's signatures are refused. Each "server" loads
// the modules afresh, as env() is read once per process.
import { afterEach, describe, expect, it, vi } from "vitest";
import { receiptSignedBy } from "@/lib/draw/receipt";
import { payloadOf, solve } from "@/lib/hooks/pow-solve";
import type { DrawKey, Receipt } from "@/lib/schemas/draw";

const OLD = "old-session-secret-0123456789-abcdefghij";
const NEW = "new-session-secret-0123456789-abcdefghij";
const OLD_DRAW_KEY = "0a".repeat(32);
const NEW_DRAW_KEY = "0b".repeat(32);
const SHOPPER = "6f1c2b4e-8a3d-4e5f-9a0b-1c2d3e4f5a6b";
const MEMBER = "0123456789abcdef";
const DROP = "aurora-runner";
const CLAIM = "clm_0123456789";
const PASS_EXPIRES = Date.parse("2026-07-23T08:00:00.000Z");
const TICKET = {
  dropId: DROP,
  shopperId: SHOPPER,
  ticketId: "0a1b2c3d4e5f60718293a4b5",
  joinedAt: PASS_EXPIRES - 600_000,
};
const ENTRY = { id: "ent_0123456789", dropId: DROP, createdAt: "2026-07-23T07:30:00.000Z" };

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

/** The app's signing modules as a server started with `vars` loads them. */
async function server(vars: Record<string, string>) {
  process.env = { ...saved, PAYMENTS: "local", ...vars };
  for (const key of ["SESSION_SECRET_PREVIOUS", "DRAW_SIGNING_KEY", "DRAW_SIGNING_KEY_PREVIOUS"])
    if (!(key in vars)) delete process.env[key];
  vi.resetModules();
  return {
    shopper: await import("@/lib/auth/shopper"),
    session: await import("@/lib/auth/admin-session"),
    orderLink: await import("@/lib/auth/order-link"),
    pow: await import("@/lib/security/pow"),
    webhook: await import("@/lib/payments/signing"),
    receipts: await import("@/lib/entries/receipts"),
    queuePass: await import("@/lib/security/queue-pass"),
    queueTicket: await import("@/lib/security/queue-ticket"),
    drawKeyRoute: (await import("@/app/api/draw-key/route")).GET,
  };
}
type Server = Awaited<ReturnType<typeof server>>;

/** One of each thing the server signs. */
async function signedBy(s: Server) {
  const challenge = await s.pow.issueChallenge({ dropId: DROP, shopperId: SHOPPER, maxNumber: 1000 });
  const event = JSON.stringify({ id: "evt_rotation", object: "event", type: "payment_intent.succeeded" });
  return {
    shopper: s.shopper.issueShopperToken({ shopperId: SHOPPER }).token,
    admin: s.session.createAdminSession().value,
    member: s.session.createMemberSession(MEMBER).value,
    orderKey: s.orderLink.orderKey(CLAIM),
    altcha: payloadOf(challenge, solve(challenge)!),
    webhook: { event, signature: s.webhook.signPayload(event) },
    receipt: s.receipts.receiptFor(ENTRY),
    queuePass: s.queuePass.signQueuePass(DROP, SHOPPER, {
      validFrom: PASS_EXPIRES - 60_000,
      expiresAt: PASS_EXPIRES,
    }),
    queueTicket: s.queueTicket.signQueueTicket(TICKET),
  };
}
type Signed = Awaited<ReturnType<typeof signedBy>>;

const drawKey = async (s: Server): Promise<DrawKey> =>
  (await s.drawKeyRoute(new Request("http://test/api/draw-key"), { params: Promise.resolve({}) })).json();

/** Which of them `s` accepts. */
async function accepted(s: Server, signed: Signed): Promise<Record<keyof Signed, boolean>> {
  const verifies = (check: () => unknown) => {
    try {
      check();
      return true;
    } catch {
      return false;
    }
  };
  return {
    shopper: s.shopper.verifyShopperToken(signed.shopper)?.shopperId === SHOPPER,
    admin: s.session.readAdminSession(signed.admin) !== undefined,
    member: s.session.readAdminSession(signed.member)?.memberId === MEMBER,
    orderKey: s.orderLink.isOrderKey(CLAIM, signed.orderKey),
    queuePass: verifies(() =>
      s.queuePass.checkQueuePass(signed.queuePass, {
        dropId: DROP,
        shopperId: SHOPPER,
        now: PASS_EXPIRES - 1,
      }),
    ),
    queueTicket:
      s.queueTicket.verifyQueueTicket(signed.queueTicket, { dropId: DROP, shopperId: SHOPPER })?.ticketId ===
      TICKET.ticketId,
    altcha: await s.pow.checkSolution(signed.altcha, { dropId: DROP, shopperId: SHOPPER }).then(
      () => true,
      () => false,
    ),
    webhook: verifies(() => s.webhook.verifyPayload(signed.webhook.event, signed.webhook.signature)),
    receipt: receiptSignedBy(await drawKey(s), signed.receipt as Receipt) !== undefined,
  };
}

const all = (value: boolean) =>
  ({
    shopper: value,
    admin: value,
    member: value,
    orderKey: value,
    altcha: value,
    webhook: value,
    receipt: value,
    queuePass: value,
    queueTicket: value,
  }) satisfies Record<keyof Signed, boolean>;

describe("rotating SESSION_SECRET (draw receipts' key derived from it, as outside production)", () => {
  it("without a previous secret, what the old one signed is refused", async () => {
    const signed = await signedBy(await server({ SESSION_SECRET: OLD }));
    expect(await accepted(await server({ SESSION_SECRET: NEW }), signed)).toEqual(all(false));
  });

  it("with the old one as SESSION_SECRET_PREVIOUS, everything it signed still verifies", async () => {
    const signed = await signedBy(await server({ SESSION_SECRET: OLD }));
    const rotated = await server({ SESSION_SECRET: NEW, SESSION_SECRET_PREVIOUS: OLD });
    expect(await accepted(rotated, signed)).toEqual(all(true));
  });

  it("signs anew with the new secret only: the old one alone verifies none of it", async () => {
    const signed = await signedBy(await server({ SESSION_SECRET: NEW, SESSION_SECRET_PREVIOUS: OLD }));
    expect(await accepted(await server({ SESSION_SECRET: OLD }), signed)).toEqual(all(false));
    expect(await accepted(await server({ SESSION_SECRET: NEW }), signed)).toEqual(all(true));
  });
});

describe("rotating DRAW_SIGNING_KEY", () => {
  it("publishes the previous key beside the current one; receipts of either verify, new ones with the current", async () => {
    const before = await server({ SESSION_SECRET: OLD, DRAW_SIGNING_KEY: OLD_DRAW_KEY });
    const oldReceipt = before.receipts.receiptFor(ENTRY);
    const oldKey = await drawKey(before);

    const after = await server({
      SESSION_SECRET: OLD,
      DRAW_SIGNING_KEY: NEW_DRAW_KEY,
      DRAW_SIGNING_KEY_PREVIOUS: OLD_DRAW_KEY,
    });
    const key = await drawKey(after);
    expect(key).toEqual({
      algorithm: "Ed25519",
      publicKey: expect.not.stringMatching(oldKey.publicKey),
      previousPublicKeys: [oldKey.publicKey],
    });
    expect(receiptSignedBy(key, oldReceipt)).toBe(oldKey.publicKey);
    const newReceipt = after.receipts.receiptFor(ENTRY);
    expect(receiptSignedBy(key, newReceipt)).toBe(key.publicKey);
    expect(receiptSignedBy(oldKey, newReceipt)).toBeUndefined();

    // Without the previous key, the old receipts no longer verify, and nothing else is published.
    const unrotated = await drawKey(await server({ SESSION_SECRET: OLD, DRAW_SIGNING_KEY: NEW_DRAW_KEY }));
    expect(unrotated.previousPublicKeys).toEqual([]);
    expect(receiptSignedBy(unrotated, oldReceipt)).toBeUndefined();
  });

  it("a rotation of SESSION_SECRET does not touch a draw key of its own", async () => {
    const key = await drawKey(
      await server({ SESSION_SECRET: NEW, SESSION_SECRET_PREVIOUS: OLD, DRAW_SIGNING_KEY: NEW_DRAW_KEY }),
    );
    expect(key.previousPublicKeys).toEqual([]);
  });
});
