import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  checkCreate,
  checkUpdate,
  initialFields,
  parsePrice,
  priceInput,
  startNowInput,
  startsNow,
} from "@/lib/admin/drop-form";
import { fromLocalInput, toLocalInput } from "@/lib/admin/local-time";
import type { Drop } from "@/lib/schemas/drop";

// The form's times are wall-clock times in the admin's zone; the API gets UTC.
// The clock is pinned at the form's "now" below: the schema refuses an end that has passed.
const TZ = process.env.TZ;
const NOW = Date.parse("2026-03-01T12:00:00Z");
beforeAll(() => {
  process.env.TZ = "America/New_York";
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});
afterAll(() => {
  process.env.TZ = TZ;
  vi.useRealTimers();
});

const fields = {
  ...initialFields(undefined, NOW),
  name: "Neon",
  price: "129.50",
  totalStock: "5",
};

const scheduledDrop: Drop = {
  id: "d1",
  brandId: "house",
  name: "Neon",
  description: "",
  imageUrl: "",
  priceCents: 12950,
  currency: "USD",
  totalStock: 5,
  remainingStock: 5,
  stockShards: 1,
  mode: "first-come",
  maxPerShopper: 1,
  holdSeconds: 600,
  startsAt: "2026-07-04T22:00:00.000Z",
  endsAt: "2026-07-05T22:00:00.000Z",
  status: "scheduled",
  listed: true,
  botDefence: "pow",
};

describe("the admin drop form", () => {
  it("turns local wall time into UTC and back", () => {
    expect(fromLocalInput("2026-07-04T18:00:05")).toBe("2026-07-04T22:00:05.000Z"); // EDT, UTC−4
    expect(fromLocalInput("2026-01-04T18:00")).toBe("2026-01-04T23:00:00.000Z"); // EST, UTC−5
    expect(toLocalInput("2026-07-04T22:00:05.000Z")).toBe("2026-07-04T18:00:05");
    expect(fromLocalInput("2026-07-04")).toBeUndefined();
  });

  it("builds the exact create body the API schema accepts", () => {
    const { input, errors } = checkCreate(
      { ...fields, startsAt: "2026-07-04T18:00:00", endsAt: "2026-07-05T18:00:00" },
      true,
    );
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      name: "Neon",
      priceCents: 12950,
      totalStock: 5,
      maxPerShopper: 1,
      holdSeconds: 600,
      startsAt: "2026-07-04T22:00:00.000Z",
      endsAt: "2026-07-05T22:00:00.000Z",
      draft: true,
      listed: true,
    });
  });

  it("sends listed from the checkbox, ticked by default", () => {
    expect(fields.listed).toBe(true);
    expect(checkCreate({ ...fields, listed: false }, false).input).toMatchObject({ listed: false });
  });

  it("refuses an end that has passed, as the API does, even while other fields are wrong", () => {
    const past = { ...fields, startsAt: "2026-02-28T09:00:00", endsAt: "2026-03-01T06:59:00" }; // 11:59 UTC
    expect(checkCreate(past, false).errors).toEqual({ endsAt: "The end time has already passed" });
    expect(checkCreate({ ...past, price: "x" }, false).errors).toMatchObject({
      endsAt: "The end time has already passed",
      price: "Enter a price like 12.50",
    });
    // Before its start as well: the passed end is named, as the schema does.
    expect(checkCreate({ ...past, startsAt: "2026-03-01T07:00:00" }, false).errors.endsAt).toBe(
      "The end time has already passed",
    );
    expect(checkCreate({ ...past, endsAt: "2026-03-01T07:01:00" }, false).errors).toEqual({});
  });

  it("Start now: the current minute, in the admin's zone", () => {
    expect(startNowInput(Date.parse("2026-07-04T22:10:59.900Z"))).toBe("2026-07-04T18:10:00");
    expect(startNowInput()).toBe("2026-03-01T07:00:00"); // NOW, in New York (UTC−5)
  });

  it("the create button follows the start: Start now (or a past minute) starts it, a later one schedules", () => {
    expect(startsNow(startNowInput())).toBe(true);
    expect(startsNow("2026-03-01T06:59:00")).toBe(true); // a minute ago, in New York
    expect(startsNow("2026-03-01T07:01:00")).toBe(false);
    expect(startsNow("2026-03-01T07")).toBe(false); // still being typed: nothing to start yet
  });

  it("reports each bad field with a readable message, with the API's rules", () => {
    const { input, errors } = checkCreate(
      {
        ...fields,
        name: " ",
        price: "12.345",
        totalStock: "0",
        currency: "usd",
        maxPerShopper: "x",
        endsAt: fields.startsAt,
      },
      false,
    );
    expect(input).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual([
      "currency",
      "endsAt",
      "maxPerShopper",
      "name",
      "price",
      "totalStock",
    ]);
    expect(errors.price).toBe("Enter a price like 12.50");
    expect(errors.endsAt).toBe("The end must be after the start");
  });

  it("edits send only what changed, and the window only while it may change", () => {
    const drop = scheduledDrop;
    const f = initialFields(drop);
    expect(checkUpdate({ ...f, name: "Neon 2" }, drop, true)).toEqual({
      input: { name: "Neon 2" },
      errors: {},
    });
    expect(checkUpdate({ ...f, startsAt: "2026-07-04T19:00:00" }, drop, true).input).toEqual({
      startsAt: "2026-07-04T23:00:00.000Z",
      endsAt: drop.endsAt,
    });
    expect(checkUpdate({ ...f, startsAt: "2026-07-04T19:00:00", price: "99" }, drop, false).input).toEqual({
      priceCents: 9900,
    });
    expect(checkUpdate(f, drop, true).errors.form).toBe("Change at least one field");
    expect(checkUpdate({ ...f, listed: false }, drop, false).input).toEqual({ listed: false });
  });

  it("a draft whose end has passed: its name can change, a new window must end ahead", () => {
    const past: Drop = {
      ...scheduledDrop,
      status: "draft",
      startsAt: "2026-02-01T12:00:00.000Z",
      endsAt: "2026-02-02T12:00:00.000Z",
    };
    const f = initialFields(past);
    expect(checkUpdate({ ...f, name: "Renamed" }, past, true)).toEqual({
      input: { name: "Renamed" },
      errors: {},
    });
    expect(checkUpdate({ ...f, startsAt: "2026-02-01T08:00:00" }, past, true).errors.endsAt).toBe(
      "The end time has already passed",
    );
  });
});

describe("the price, in the currency's own minor unit", () => {
  const create = (price: string, currency: string) => checkCreate({ ...fields, price, currency }, false);

  it.each([
    ["19.99", "USD", 1999],
    ["19.9", "USD", 1990],
    ["19", "USD", 1900],
    ["0.07", "USD", 7],
    ["1999", "JPY", 1999],
    ["1.234", "KWD", 1234],
    ["1.2", "KWD", 1200],
    ["129.50", "EUR", 12950],
  ])("%s %s → %i, sent as priceCents", (price, currency, minor) => {
    expect(parsePrice(price, currency)).toBe(minor);
    const { input, errors } = create(price, currency);
    expect(errors).toEqual({});
    expect(input).toMatchObject({ priceCents: minor, currency });
  });

  it("refuses more decimals than the currency has, saying the currency's rule", () => {
    expect(create("19.99", "JPY").errors.price).toBe("Enter a whole price like 1250: JPY has no decimals");
    expect(create("1.2345", "KWD").errors.price).toBe("Enter a price like 12.500: KWD has up to 3 decimals");
    expect(create("12.345", "USD").errors.price).toBe("Enter a price like 12.50");
    for (const bad of ["", "12.", ".5", "-1", "1,999", "12.5.0"])
      expect(create(bad, "USD").errors.price, bad).toBe("Enter a price like 12.50");
  });

  it("names the ceiling in the currency, not in minor units", () => {
    expect(create("10000000.01", "USD").errors.price).toBe("At most $10,000,000.00");
    expect(create("1000000001", "JPY").errors.price).toBe("At most ¥1,000,000,000");
    expect(create("1000000000", "JPY").errors).toEqual({});
  });

  it("shows a stored price back as it was typed, and sends nothing when it is unchanged", () => {
    expect(priceInput(1999, "USD")).toBe("19.99");
    expect(priceInput(5, "USD")).toBe("0.05");
    expect(priceInput(1999, "JPY")).toBe("1999");
    expect(priceInput(1234, "KWD")).toBe("1.234");
    expect(priceInput(7, "KWD")).toBe("0.007");
    for (const [priceCents, currency, shown] of [
      [1999, "JPY", "1999"],
      [1234, "KWD", "1.234"],
      [12950, "USD", "129.50"],
    ] as const) {
      const drop = { ...scheduledDrop, priceCents, currency };
      const f = initialFields(drop);
      expect(f.price).toBe(shown);
      expect(checkUpdate({ ...f, name: "Renamed" }, drop, true).input).toEqual({ name: "Renamed" });
    }
  });

  it("a currency change reads the typed price in the new currency's unit", () => {
    const f = initialFields({ ...scheduledDrop, priceCents: 1999, currency: "USD" });
    expect(checkUpdate({ ...f, currency: "JPY" }, scheduledDrop, true).errors.price).toBe(
      "Enter a whole price like 1250: JPY has no decimals",
    );
    expect(checkUpdate({ ...f, price: "1999", currency: "JPY" }, scheduledDrop, true).input).toEqual({
      priceCents: 1999,
      currency: "JPY",
    });
  });
});

describe("stock shards", () => {
  it("are sent on create, checked in the admin's words", () => {
    expect(checkCreate({ ...fields, stockShards: "8" }, false).input).toMatchObject({ stockShards: 8 });
    expect(checkCreate({ ...fields, stockShards: "two" }, false).errors.stockShards).toBe(
      "Enter a whole number",
    );
    expect(checkCreate({ ...fields, stockShards: "65" }, false).errors.stockShards).toBe("At most 64 shards");
    expect(checkCreate({ ...fields, stockShards: "0" }, false).errors.stockShards).toBe("At least 1 shard");
  });

  it("are never sent by an edit: fixed once the drop exists", () => {
    const drop = { ...scheduledDrop, stockShards: 8 };
    const { input } = checkUpdate({ ...initialFields(drop), name: "Renamed", stockShards: "2" }, drop, true);
    expect(input).toEqual({ name: "Renamed" });
  });
});

describe("the mode", () => {
  const window = { startsAt: "2026-07-04T18:00:00", endsAt: "2026-07-05T18:00:00" };

  it("is first come, first served unless Draw is chosen, and is sent on create", () => {
    expect(initialFields(undefined, NOW).mode).toBe("first-come");
    expect(checkCreate({ ...fields, ...window }, false).input).toMatchObject({ mode: "first-come" });
    expect(checkCreate({ ...fields, ...window, mode: "draw" }, false).input).toMatchObject({ mode: "draw" });
  });

  it("a draw has one stock item and one entry per shopper, whatever the hidden fields hold", () => {
    const { input, errors } = checkCreate(
      { ...fields, ...window, mode: "draw", stockShards: "4", maxPerShopper: "x" },
      false,
    );
    expect(errors).toEqual({});
    expect(input).toMatchObject({ mode: "draw", stockShards: 1, maxPerShopper: 1 });
  });

  it("is never sent by an edit: set at creation only", () => {
    const draw: Drop = { ...scheduledDrop, mode: "draw" };
    const f = initialFields(draw);
    expect(f.mode).toBe("draw");
    expect(checkUpdate({ ...f, name: "Neon draw" }, draw, true).input).toEqual({ name: "Neon draw" });
    expect(checkUpdate({ ...f, mode: "first-come", name: "Neon draw" }, draw, true).input).toEqual({
      name: "Neon draw",
    });
  });
});
