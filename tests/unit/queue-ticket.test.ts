// The waiting room's signed ticket (lib/security/queue-ticket.ts): it stands for its own drop,
// shopper, ticket and time only. Rotation is covered with everything else SESSION_SECRET signs
// (secret-rotation.test.ts).
import { describe, expect, it } from "vitest";
import { signQueueTicket, verifyQueueTicket } from "@/lib/security/queue-ticket";

const ticket = {
  dropId: "aurora-runner",
  shopperId: "6f1c2b4e-8a3d-4e5f-9a0b-1c2d3e4f5a6b",
  ticketId: "0a1b2c3d4e5f60718293a4b5",
  joinedAt: Date.parse("2026-07-23T07:59:58.123Z"),
};
const ask = { dropId: ticket.dropId, shopperId: ticket.shopperId };

describe("a signed queue ticket", () => {
  it("verifies for its drop and shopper, with its ticket and exact time, the same each time it is signed", () => {
    const token = signQueueTicket(ticket);
    expect(signQueueTicket(ticket)).toBe(token);
    expect(verifyQueueTicket(token, ask)).toEqual({ ticketId: ticket.ticketId, joinedAt: ticket.joinedAt });
  });

  it("is refused for another drop or shopper, changed in any part, or malformed", () => {
    const token = signQueueTicket(ticket);
    const [joinedAt, ticketId, sig] = token.split(".") as [string, string, string];
    expect(verifyQueueTicket(token, { ...ask, dropId: "other-drop" })).toBeUndefined();
    expect(verifyQueueTicket(token, { ...ask, shopperId: "someone-else" })).toBeUndefined();
    for (const changed of [
      `${Number(joinedAt) - 60_000}.${ticketId}.${sig}`, // earlier, to look pre-queue
      `${joinedAt}.${"f".repeat(24)}.${sig}`,
      `${joinedAt}.${ticketId}.${"A".repeat(43)}`,
      `${joinedAt}.${ticketId}`,
      "",
      null,
      undefined,
    ])
      expect(verifyQueueTicket(changed, ask)).toBeUndefined();
  });
});
