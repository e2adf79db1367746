// The heading over a checkout's results (the e2e a11y flow sees "2 of 3 units checked out").
import { describe, expect, it } from "vitest";
import { checkoutHeading } from "@/components/drop/checkout-result";

describe("checkoutHeading", () => {
  it("every hold an order: the order, or how many", () => {
    expect(checkoutHeading(1, 1)).toBe("Order confirmed");
    expect(checkoutHeading(2, 2)).toBe("2 orders confirmed");
  });

  it("some holds refused: how many of the units became orders", () => {
    expect(checkoutHeading(2, 3)).toBe("2 of 3 units checked out");
    expect(checkoutHeading(0, 1)).toBe("0 of 1 unit checked out");
  });
});
