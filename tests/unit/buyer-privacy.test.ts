// Least privilege for buyers' details: the one place that masks them, and who sees them whole.
import { describe, expect, it } from "vitest";
import {
  claimsFor,
  maskBuyer,
  maskEmail,
  maskName,
  maskPaymentId,
  seesBuyers,
} from "@/lib/admin/buyer-privacy";
import type { Principal } from "@/lib/brand/principal";
import type { Claim } from "@/lib/schemas/claim";

const buyer = {
  name: "Jane van Doe",
  email: "Jane.Doe@mail.example.com",
  shippingAddress: "1 Drop Street\nSpringfield",
};
const confirmed: Claim = {
  id: "c1",
  dropId: "d1",
  shopperId: "s1",
  status: "confirmed",
  createdAt: "2026-01-01T00:00:00.000Z",
  holdExpiresAt: "2026-01-01T00:10:00.000Z",
  orderNumber: "DR-ABCDEFGH",
  confirmedAt: "2026-01-01T00:01:00.000Z",
  order: {
    productName: "Aurora Runner",
    imageUrl: "",
    unitPriceCents: 1999,
    currency: "USD",
    quantity: 1,
    totalCents: 1999,
    buyer,
  },
};
const held: Claim = { ...confirmed, id: "c2", status: "held", orderNumber: undefined, order: undefined };
const member = (role: "owner" | "manager" | "viewer"): Principal => ({
  kind: "member",
  memberId: "m1",
  accountId: "a1",
  brandId: "b1",
  role,
});
const token = (role: "owner" | "manager" | "viewer"): Principal => ({
  kind: "apiToken",
  tokenId: "t1",
  brandId: "b1",
  role,
});

describe("masking", () => {
  it("a name keeps each word's first letter", () => {
    expect(maskName("Jane van Doe")).toBe("J••• v••• D•••");
    expect(maskName("  Zoë  ")).toBe("Z•••");
    expect(maskName("東京 太郎")).toBe("東••• 太•••");
    expect(maskName("")).toBe("•••");
  });
  it("an email keeps the first letters and the top-level domain only", () => {
    expect(maskEmail("jane@example.com")).toBe("j•••@e•••.com");
    expect(maskEmail("Jane.Doe+drops@mail.example.co.uk")).toBe("J•••@m•••.uk");
    expect(maskEmail("x@localhost")).toBe("x•••@l•••");
    expect(maskEmail("not an email")).toBe("•••");
  });
  it("a buyer: name and email masked, no address; nothing of the original survives but initials", () => {
    const masked = maskBuyer(buyer);
    expect(masked).toEqual({ name: "J••• v••• D•••", email: "J•••@m•••.com", shippingAddress: "•••" });
    for (const secret of ["Jane", "Doe", "mail.example", "Drop Street", "Springfield"])
      expect(JSON.stringify(masked)).not.toContain(secret);
  });
});

describe("who sees buyers", () => {
  it("the operator, owners and managers (members or tokens) see them whole", () => {
    for (const p of [
      { kind: "operator" } as const,
      member("owner"),
      member("manager"),
      token("owner"),
      token("manager"),
    ]) {
      expect(seesBuyers(p)).toBe(true);
      expect(claimsFor(p, [confirmed, held])).toEqual([confirmed, held]);
    }
  });
  it("a viewer (member or token) sees every order, its number and status, with the buyer masked", () => {
    for (const p of [member("viewer"), token("viewer")]) {
      expect(seesBuyers(p)).toBe(false);
      const [order, hold] = claimsFor(p, [confirmed, held]);
      expect(order).toEqual({ ...confirmed, order: { ...confirmed.order, buyer: maskBuyer(buyer) } });
      expect(hold).toEqual(held);
    }
    expect(confirmed.order!.buyer).toBe(buyer); // the input is not changed
  });
});

describe("payments as a viewer sees them", () => {
  const paid: Claim = {
    ...confirmed,
    order: { ...confirmed.order!, payment: { provider: "stripe", paymentId: "pi_3NxSecret", last4: "4242" } },
    payment: {
      provider: "stripe",
      paymentId: "pi_3NxSecret",
      status: "succeeded",
      amountMinor: 1999,
      currency: "usd",
    },
  };

  it("the payment's id by its kind alone, no card digits; its status and amount as they are", () => {
    expect(maskPaymentId("pi_3NxSecret")).toBe("pi_•••");
    expect(maskPaymentId("no-kind")).toBe("•••");
    const [masked] = claimsFor(member("viewer"), [paid]);
    expect(masked!.order!.payment).toEqual({ provider: "stripe", paymentId: "pi_•••", last4: "•••" });
    expect(masked!.payment).toMatchObject({ paymentId: "pi_•••", status: "succeeded", amountMinor: 1999 });
    expect(JSON.stringify(masked)).not.toContain("3NxSecret");
  });
});
