import { describe, expect, it } from "vitest";
import { feedSections, PAST_DROPS_SHOWN } from "@/lib/drop/feed";
import type { Drop, DropStatus } from "@/lib/schemas/drop";

const HOUR = 3_600_000;
const NOW = Date.parse("2026-12-01T12:00:00Z");
const iso = (ms: number) => new Date(NOW + ms).toISOString();

function drop(id: string, status: DropStatus, startsIn = -HOUR, endsIn = HOUR): Drop {
  return {
    id,
    brandId: "house",
    name: id,
    description: "",
    imageUrl: "",
    priceCents: 100,
    currency: "USD",
    totalStock: 5,
    remainingStock: status === "sold_out" ? 0 : 5,
    stockShards: 1,
    mode: "first-come",
    maxPerShopper: 1,
    holdSeconds: 600,
    startsAt: iso(startsIn),
    endsAt: iso(endsIn),
    status,
    listed: true,
    botDefence: "pow",
  };
}

const shape = (drops: Drop[]) => feedSections(drops).map((s) => [s.title, s.drops.map((d) => d.id)]);

describe("the feed's sections", () => {
  it("come in order — live now, coming up, just sold out, past — and leave drafts out", () => {
    // Any order, whatever the status (a page of the feed comes by end).
    const drops = [
      drop("ended", "ended", -3 * HOUR, -HOUR),
      drop("draft", "draft", HOUR, 2 * HOUR),
      drop("sold", "sold_out"),
      drop("soon", "scheduled", HOUR, 2 * HOUR),
      drop("paused", "paused"),
      drop("live", "live"),
    ];
    expect(shape(drops)).toEqual([
      ["Live now", ["live", "paused"]],
      ["Coming up", ["soon"]],
      ["Just sold out", ["sold"]],
      ["Past drops", ["ended"]],
    ]);
  });

  it("live now: live drops first, then paused, each in the list's order", () => {
    const drops = [drop("p1", "paused"), drop("l1", "live"), drop("p2", "paused"), drop("l2", "live")];
    expect(shape(drops)).toEqual([["Live now", ["l1", "l2", "p1", "p2"]]]);
  });

  it("coming up: the soonest start first", () => {
    const drops = [
      drop("in-3h", "scheduled", 3 * HOUR, 4 * HOUR),
      drop("in-2min", "scheduled", 120_000, HOUR),
      drop("tomorrow", "scheduled", 24 * HOUR, 25 * HOUR),
    ];
    expect(shape(drops)).toEqual([["Coming up", ["in-2min", "in-3h", "tomorrow"]]]);
  });

  it("just sold out: the most recent start first", () => {
    const drops = [drop("older", "sold_out", -5 * HOUR), drop("newer", "sold_out", -HOUR)];
    expect(shape(drops)).toEqual([["Just sold out", ["newer", "older"]]]);
  });

  it("past drops: the page's ended drops (a page holds 12, the query bounds it), newest end first", () => {
    const ended = Array.from({ length: PAST_DROPS_SHOWN }, (_, i) =>
      drop(`e${i}`, "ended", -100 * HOUR, -(i + 1) * HOUR),
    );
    const shuffled = [...ended].reverse();
    const [past] = feedSections(shuffled);
    expect(past?.title).toBe("Past drops");
    expect(past?.drops.map((d) => d.id)).toEqual(ended.map((d) => d.id));
    expect(PAST_DROPS_SHOWN).toBe(12);
  });

  it("past drops stay, empty, when older ones can be loaded there", () => {
    const live = [drop("live", "live")];
    expect(shape(live)).toEqual([["Live now", ["live"]]]);
    expect(feedSections(live, { olderPast: true }).map((s) => [s.key, s.drops.length])).toEqual([
      ["live", 1],
      ["past", 0],
    ]);
  });

  it("leaves empty sections out, and has none without drops", () => {
    expect(shape([drop("soon", "scheduled", HOUR, 2 * HOUR), drop("x", "ended", -2 * HOUR, -HOUR)])).toEqual([
      ["Coming up", ["soon"]],
      ["Past drops", ["x"]],
    ]);
    expect(feedSections([])).toEqual([]);
    expect(feedSections([drop("draft", "draft")])).toEqual([]);
  });

  it("does not reorder the list it was given", () => {
    const drops = [drop("b", "scheduled", 2 * HOUR, 3 * HOUR), drop("a", "scheduled", HOUR, 3 * HOUR)];
    feedSections(drops);
    expect(drops.map((d) => d.id)).toEqual(["b", "a"]);
  });
});
