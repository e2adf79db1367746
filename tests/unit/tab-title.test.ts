import { describe, expect, it } from "vitest";
import { tabTitle } from "@/lib/hooks/use-tab-title";

describe("tabTitle", () => {
  it("names the tab's shopper, the drop and its stock", () => {
    expect(
      tabTitle({ shopperId: "3f9a2c77-aaaa", name: "Aurora Runner", remaining: 2, status: "live" }),
    ).toBe("Shopper 3f9a2c · Aurora Runner · 2 left");
  });
  it("says yours, never sold out, to a shopper who holds a unit", () => {
    expect(tabTitle({ name: "Golden Ticket", remaining: 0, status: "sold_out", owned: 1 })).toBe(
      "Golden Ticket · yours",
    );
    expect(tabTitle({ name: "Golden Ticket", remaining: 2, status: "live", owned: 1 })).toBe(
      "Golden Ticket · yours · 2 left",
    );
  });
  it("says sold out and ended in words, and leaves out a shopper not yet minted", () => {
    expect(tabTitle({ name: "Golden Ticket", remaining: 0, status: "sold_out" })).toBe(
      "Golden Ticket · sold out",
    );
    expect(tabTitle({ name: "Golden Ticket", remaining: 4, status: "ended" })).toBe("Golden Ticket · ended");
  });
});
