import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDropInput, laterStock, STALE_ANSWER_MS, type Stock } from "@/lib/schemas/drop";
import { updateDropInput } from "@/lib/schemas/drop-admin";

const base = {
  name: "Sneaker",
  priceCents: 1999,
  totalStock: 50,
  startsAt: "2026-12-01T18:00:00Z",
  endsAt: "2026-12-01T19:00:00Z",
};
// The schemas refuse an end that has passed, at parse time: the clock is pinned before `base`.
const NOW = Date.parse("2026-11-01T00:00:00Z");
beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});
afterAll(() => {
  vi.useRealTimers();
});
const issues = (input: unknown) => {
  const parsed = createDropInput.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."));
};

describe("createDropInput", () => {
  it("fills the defaults", () => {
    expect(createDropInput.parse(base)).toEqual({
      ...base,
      description: "",
      imageUrl: "",
      currency: "USD",
      maxPerShopper: 1,
      holdSeconds: 600,
      draft: false,
      listed: true,
      rehearsal: false,
      mode: "first-come",
      botDefence: "pow",
      waitingRoom: { enabled: false, admitPerMinute: 60, prequeueMinutes: 15, passMinutes: 10 },
    });
  });

  it("trims the name", () => {
    expect(createDropInput.parse({ ...base, name: "  Sneaker  " }).name).toBe("Sneaker");
  });

  // Each field at the edge it accepts, and one step past it.
  it.each<[string, unknown, unknown]>([
    ["name", "x", ""],
    ["name", "x".repeat(120), "x".repeat(121)],
    ["description", "x".repeat(2000), "x".repeat(2001)],
    ["priceCents", 0, -1],
    ["priceCents", 1_000_000_000, 1_000_000_001],
    ["priceCents", 100, 100.5],
    ["currency", "EUR", "eur"],
    ["currency", "JPY", "JP"],
    ["totalStock", 1, 0],
    ["totalStock", 1_000_000, 1_000_001],
    ["maxPerShopper", 1, 0],
    ["maxPerShopper", 100, 101],
    ["holdSeconds", 10, 9],
    ["holdSeconds", 86_400, 86_401],
    ["imageUrl", "/drops/a.png", "//evil.example/a.png"],
    ["imageUrl", "https://cdn.example/a.png", "http://cdn.example/a.png"],
    ["imageUrl", "", "/\\evil.example/a.png"],
    ["startsAt", "2026-12-01T20:00:00+02:00", "2026-12-01 18:00"],
    ["draft", true, "true"],
    ["listed", false, "false"],
    ["listed", true, 0],
  ])("%s: %j is accepted, %j is not", (field, ok, bad) => {
    expect(issues({ ...base, [field]: ok })).toEqual([]);
    expect(issues({ ...base, [field]: bad })).toEqual([field]);
  });

  it("the end must be after the start, compared as instants", () => {
    expect(issues({ ...base, endsAt: "2026-12-01T18:00:00.001Z" })).toEqual([]);
    expect(issues({ ...base, endsAt: base.startsAt })).toEqual(["endsAt"]);
    expect(issues({ ...base, endsAt: "2026-12-01T19:59:59+02:00" })).toEqual(["endsAt"]);
  });

  it("a malformed start is reported on startsAt only", () => {
    expect(issues({ ...base, startsAt: "2026-13-01T00:00:00Z" })).toEqual(["startsAt"]);
    expect(issues({ ...base, endsAt: "soon" })).toEqual(["endsAt"]);
  });

  it("refuses an end that has already passed, at the time of parsing, with one message", () => {
    const messages = (input: unknown) =>
      createDropInput
        .safeParse(input)
        .error?.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const passed = [{ path: "endsAt", message: "The end time has already passed" }];
    const at = (ms: number) => new Date(ms).toISOString();
    expect(messages({ ...base, startsAt: at(NOW - 7_200_000), endsAt: at(NOW - 3_600_000) })).toEqual(passed);
    expect(messages({ ...base, startsAt: at(NOW - 7_200_000), endsAt: at(NOW) })).toEqual(passed); // now is not ahead
    expect(messages({ ...base, startsAt: at(NOW - 7_200_000), endsAt: at(NOW + 1) })).toBeUndefined();
    // Before its start too: the passed end is what is named.
    expect(messages({ ...base, startsAt: at(NOW - 1_000), endsAt: at(NOW - 60_000) })).toEqual(passed);
    // Reported even while another field is wrong (the form shows it at once), and for a draft too.
    expect(issues({ ...base, name: "", endsAt: at(NOW - 1) })).toEqual(["name", "endsAt"]);
    expect(issues({ ...base, draft: true, startsAt: at(NOW - 7_200_000), endsAt: at(NOW - 1) })).toEqual([
      "endsAt",
    ]);
    // The same input is accepted earlier and refused once its end has gone by.
    const window = { ...base, startsAt: at(NOW + 60_000), endsAt: at(NOW + 120_000) };
    expect(issues(window)).toEqual([]);
    vi.setSystemTime(NOW + 120_000);
    expect(issues(window)).toEqual(["endsAt"]);
    vi.setSystemTime(NOW);
  });

  it("refuses unknown fields, and non-objects", () => {
    expect(issues({ ...base, remainingStock: 1 })).toEqual([""]);
    for (const input of [null, [], "drop", 1, undefined]) expect(issues(input)).toEqual([""]);
  });

  it("names every missing required field", () => {
    expect(issues({})).toEqual(["name", "priceCents", "totalStock", "startsAt", "endsAt"]);
  });
});

describe("updateDropInput", () => {
  const paths = (input: unknown) => {
    const parsed = updateDropInput.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."));
  };
  const times = { startsAt: base.startsAt, endsAt: base.endsAt };

  it("takes the start and end together, the end after the start", () => {
    expect(paths(times)).toEqual([]);
    expect(paths({ startsAt: base.startsAt })).toEqual(["endsAt"]);
    expect(paths({ ...times, endsAt: base.startsAt })).toEqual(["endsAt"]);
  });

  it("a malformed start is reported on startsAt only", () => {
    expect(paths({ ...times, startsAt: "2026-13-01T00:00:00Z" })).toEqual(["startsAt"]);
    expect(paths({ ...times, endsAt: "soon" })).toEqual(["endsAt"]);
  });

  it("refuses a new window whose end has passed; without a window there is nothing to judge", () => {
    const parsed = updateDropInput.safeParse({
      startsAt: "2026-10-01T00:00:00Z",
      endsAt: "2026-10-02T00:00:00Z",
    });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["endsAt", "The end time has already passed"],
    ]);
    expect(paths({ name: "Renamed" })).toEqual([]);
  });

  it("takes listed alone (a catalogue field) and only as a boolean", () => {
    expect(updateDropInput.parse({ listed: false })).toEqual({ listed: false });
    expect(paths({ listed: "no" })).toEqual(["listed"]);
  });
});

describe("laterStock", () => {
  const at = (serverTime: string, remainingStock: number): Stock => ({
    dropId: "d",
    remainingStock,
    totalStock: 1,
    status: remainingStock ? "live" : "sold_out",
    botDefence: "off",
    startsAt: base.startsAt,
    endsAt: base.endsAt,
    serverTime,
  });
  const shown = at("2026-12-01T18:00:05.000Z", 0);
  const shownAt = 1_000_000;

  it("keeps what the page shows over an answer the server gave earlier (a CDN's stale copy)", () => {
    expect(laterStock(shown, shownAt, at("2026-12-01T18:00:04.999Z", 1), shownAt + 6_999)).toBe(shown);
  });

  it("takes a later answer, one as late, the first, or any once what is shown is 7 s old", () => {
    const later = at("2026-12-01T18:00:05.001Z", 1);
    expect(laterStock(shown, shownAt, later, shownAt)).toBe(later);
    const same = at(shown.serverTime, 1);
    expect(laterStock(shown, shownAt, same, shownAt)).toBe(same);
    expect(laterStock(undefined, undefined, later, shownAt)).toBe(later);
    // Another server's clock behind this one's, or this one's moved: bounded, not forever.
    const earlier = at("2026-12-01T18:00:00.000Z", 1);
    expect(laterStock(shown, shownAt, earlier, shownAt + STALE_ANSWER_MS)).toBe(earlier);
  });
});
