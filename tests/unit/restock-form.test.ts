// The restock box speaks the admin's words for every input the API would refuse, before any dialog.
import { describe, expect, it } from "vitest";
import { restockQuantity } from "@/components/admin/restock-form";

describe("restockQuantity", () => {
  it.each([
    ["5", 3, { quantity: 5 }],
    ["-2", 3, { quantity: -2 }],
    ["", 3, {}],
    ["-10", 0, { problem: "Only 0 unsold units can be removed" }],
    ["-4", 3, { problem: "Only 3 unsold units can be removed" }],
    ["abc", 3, { problem: "Enter a whole number of units, e.g. 5 or -2" }],
    ["99999999", 3, { problem: "At most 1,000,000 units at a time" }],
    ["1.5", 3, { problem: "Whole units only" }],
    ["0", 3, { problem: "Add at least one unit" }],
  ])("%j with %i unsold → %j", (text, remaining, expected) => {
    expect(restockQuantity(text, remaining)).toEqual(expected);
  });
});
