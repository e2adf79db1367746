import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatDuration,
  formatElapsed,
  formatPrice,
  formatRelative,
  formatSeconds,
  statusLabel,
} from "@/lib/format";
import { dropStatuses } from "@/lib/schemas/drop";

describe("formatPrice", () => {
  it.each([
    [1999, "USD", "$19.99"],
    [0, "USD", "$0.00"],
    [5, "USD", "$0.05"],
    [100_000_000, "USD", "$1,000,000.00"],
    [1_000_000_000, "USD", "$10,000,000.00"],
    [1999, "EUR", "€19.99"],
    [1999, "GBP", "£19.99"],
    // In each currency's own minor unit: the yen has none, the dinar has three.
    [1999, "JPY", "¥1,999"],
    [1999, "KWD", "KWD\u00a01.999"], // Intl puts a no-break space after a currency code
  ])("%i %s → %s", (cents, currency, text) => {
    expect(formatPrice(cents, currency)).toBe(text);
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "00:00"],
    [-5000, "00:00"],
    [1, "00:01"],
    [999, "00:01"],
    [1000, "00:01"],
    [1001, "00:02"],
    [59_000, "00:59"],
    [60_000, "01:00"],
    [3_599_000, "59:59"],
    [3_600_000, "01:00:00"],
    [86_399_000, "23:59:59"],
    [86_400_000, "1d 00:00:00"],
    [2 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000 + 5000, "2d 03:04:05"],
  ])("%i ms → %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("formatSeconds", () => {
  it.each([
    [0, "0 s"],
    [10, "10 s"],
    [60, "1 min"],
    [90, "1 min 30 s"],
    [600, "10 min"],
    [3600, "1 h"],
    [3900, "1 h 5 min"],
    [86_400, "24 h"],
  ])("%i s → %s", (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });
});

describe("statusLabel", () => {
  it("labels every status", () => {
    expect(Object.keys(statusLabel).sort()).toEqual([...dropStatuses].sort());
    expect(Object.values(statusLabel).every((label) => label.trim().length > 0)).toBe(true);
  });
});

describe("formatElapsed", () => {
  it("picks the unit by size", () => {
    expect(formatElapsed(850)).toBe("850 ms");
    expect(formatElapsed(12_440)).toBe("12.4 s");
    expect(formatElapsed(185_000)).toBe("3 min 05 s");
    expect(formatElapsed(7_440_000)).toBe("2 h 04 min");
  });
});

describe("formatRelative", () => {
  const s = 1000;
  const min = 60 * s;
  const h = 60 * min;
  const day = 24 * h;
  it.each([
    [0, "now"],
    [999, "now"],
    [-999, "now"],
    [1 * s, "in 1 s"],
    [45 * s + 900, "in 45 s"],
    [59 * s, "in 59 s"],
    [60 * s, "in 1 min"],
    [4 * min + 59 * s, "in 4 min"], // floored, as a countdown: never "in 5 min" with less left
    [59 * min + 59 * s, "in 59 min"],
    [h, "in 1 h"],
    [h + 30 * min + 10 * s, "in 1 h 30 min"],
    [2 * h + 59 * min, "in 2 h"],
    [23 * h + 59 * min, "in 23 h"],
    [day, "in 1 day"],
    [3 * day + 5 * h, "in 3 days"],
    [-45 * s, "45 s ago"],
    [-4 * min, "4 min ago"],
    [-2 * h - 10 * min, "2 h ago"],
    [-day, "1 day ago"],
    [-12 * day, "12 days ago"],
  ])("%i ms → %s", (ms, text) => {
    expect(formatRelative(ms)).toBe(text);
  });
});

describe("formatCount", () => {
  it("separates thousands", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(12_345)).toBe("12,345");
  });
});
