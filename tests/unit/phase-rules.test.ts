// The phase table (lib/drop/phase-rules.ts): every admin action in every state a drop can be in,
// allowed or refused with the code the API has always answered; the messages; the conditions
// the writes send, read from the same table; and the page's "may the schedule change".
import { describe, expect, it } from "vitest";
import { and, clause, or, phaseIs, updateInput } from "@/lib/drop/expressions";
import { allows, conditionFor, judge, refusalOf, rules, type AdminAction } from "@/lib/drop/phase-rules";
import { dropStatus, type Phase } from "@/lib/stock/status";

const now = 1_000_000;
/** A drop's window relative to now. */
const windows = {
  "before its start": { startsAt: now + 1000, endsAt: now + 2000 },
  "inside its window": { startsAt: now - 1000, endsAt: now + 2000 },
  "past its end": { startsAt: now - 2000, endsAt: now - 1000 },
  // An end pressed before the start: ended, its start still ahead.
  "ended before its start": { startsAt: now + 1000, endsAt: now - 1 },
} as const;
type Window = keyof typeof windows;

const actions = ["publish", "pause", "resume", "end", "restock", "reschedule", "delete"] as const;
/** Each row: the phase and window, then the answer of each action in the order above ("ok" = allowed). */
const table: [Phase, Window, ...string[]][] = [
  ["draft", "before its start", "ok", "DROP_IS_DRAFT", "NOT_PAUSED", "DROP_IS_DRAFT", "ok", "ok", "ok"],
  ["draft", "inside its window", "ok", "DROP_IS_DRAFT", "NOT_PAUSED", "DROP_IS_DRAFT", "ok", "ok", "ok"],
  [
    "draft",
    "past its end",
    "DROP_ENDED",
    "DROP_IS_DRAFT",
    "NOT_PAUSED",
    "DROP_IS_DRAFT",
    "DROP_ENDED",
    "ok",
    "ok",
  ],
  ["active", "before its start", "NOT_DRAFT", "ok", "NOT_PAUSED", "ok", "ok", "ok", "NOT_DRAFT"],
  ["active", "inside its window", "NOT_DRAFT", "ok", "NOT_PAUSED", "ok", "ok", "DROP_STARTED", "NOT_DRAFT"],
  [
    "active",
    "past its end",
    "NOT_DRAFT",
    "DROP_ENDED",
    "DROP_ENDED",
    "DROP_ENDED",
    "DROP_ENDED",
    "DROP_ENDED",
    "NOT_DRAFT",
  ],
  ["paused", "before its start", "NOT_DRAFT", "ALREADY_PAUSED", "ok", "ok", "ok", "ok", "NOT_DRAFT"],
  [
    "paused",
    "inside its window",
    "NOT_DRAFT",
    "ALREADY_PAUSED",
    "ok",
    "ok",
    "ok",
    "DROP_STARTED",
    "NOT_DRAFT",
  ],
  [
    "paused",
    "past its end",
    "NOT_DRAFT",
    "DROP_ENDED",
    "DROP_ENDED",
    "DROP_ENDED",
    "DROP_ENDED",
    "DROP_ENDED",
    "NOT_DRAFT",
  ],
  [
    "ended",
    "past its end",
    "NOT_DRAFT",
    "DROP_ENDED",
    "DROP_ENDED",
    "DROP_ENDED",
    "DROP_ENDED",
    "DROP_ENDED",
    "NOT_DRAFT",
  ],
  [
    "ended",
    "ended before its start",
    "NOT_DRAFT",
    "DROP_ENDED",
    "DROP_ENDED",
    "DROP_ENDED",
    "DROP_ENDED",
    "DROP_ENDED",
    "NOT_DRAFT",
  ],
];

describe("the phase table", () => {
  it("covers every action", () => {
    expect(Object.keys(rules).sort()).toEqual([...actions].sort());
  });

  it.each(table)(
    "a drop %s, %s: each action allowed or refused with its code",
    (phase, window, ...answers) => {
      const drop = { phase, ...windows[window], remainingStock: 3 };
      const got = actions.map((a) => judge(a, drop, now)?.code ?? "ok");
      expect(Object.fromEntries(actions.map((a, i) => [a, got[i]]))).toEqual(
        Object.fromEntries(actions.map((a, i) => [a, answers[i]])),
      );
    },
  );

  it("refusals say what they always said", () => {
    const at = (phase: Phase, window: Window, remainingStock = 3) => ({
      phase,
      ...windows[window],
      remainingStock,
    });
    const said = (action: AdminAction, drop: ReturnType<typeof at>) => {
      const e = refusalOf(action, drop, now);
      return `${e.code}: ${e.message}`;
    };
    expect(said("publish", at("active", "inside its window"))).toBe(
      "NOT_DRAFT: This drop is already published.",
    );
    expect(said("publish", at("draft", "past its end"))).toBe(
      "DROP_ENDED: Its end time has passed; set new times before publishing.",
    );
    expect(said("pause", at("draft", "inside its window"))).toBe(
      "DROP_IS_DRAFT: This drop is a draft; publish it first.",
    );
    expect(said("pause", at("paused", "inside its window"))).toBe(
      "ALREADY_PAUSED: This drop is already paused.",
    );
    expect(said("end", at("ended", "past its end"))).toBe("DROP_ENDED: This drop has ended.");
    expect(said("resume", at("active", "inside its window"))).toBe(
      "NOT_PAUSED: Only a paused drop can be resumed.",
    );
    expect(said("restock", at("ended", "past its end"))).toBe(
      "DROP_ENDED: An ended drop cannot be restocked.",
    );
    expect(said("reschedule", at("active", "inside its window"))).toBe(
      "DROP_STARTED: Times, limit and hold length can only change before the drop starts.",
    );
    expect(said("delete", at("paused", "inside its window"))).toBe(
      "NOT_DRAFT: Only a draft can be deleted; end a published drop instead.",
    );
    expect(refusalOf("pause", undefined, now)).toMatchObject({ code: "NOT_FOUND", message: "No such drop." });
  });

  it("a failed condition on a drop the table allows: the refusal it raced into (a restock's, its stock)", () => {
    const live = { phase: "active" as const, ...windows["inside its window"] };
    expect(refusalOf("restock", { ...live, remainingStock: 4 }, now)).toMatchObject({
      code: "STOCK_BELOW_SOLD",
      message: "Only 4 unsold units can be removed.",
    });
    expect(refusalOf("restock", { ...live, remainingStock: -2 }, now).message).toBe(
      "Only 0 unsold units can be removed.",
    );
    expect(refusalOf("pause", { ...live, remainingStock: 1 }, now).code).toBe("ALREADY_PAUSED");
    expect(refusalOf("resume", { ...live, phase: "paused", remainingStock: 1 }, now).code).toBe("NOT_PAUSED");
  });

  it("the writes' conditions come from the same table", () => {
    const text = Object.fromEntries(actions.map((a) => [a, conditionFor(a, now).text]));
    expect(text).toEqual({
      publish: "phase = :draft AND endsAt > :now",
      pause: "phase = :active AND endsAt > :now",
      resume: "phase = :paused AND endsAt > :now",
      end: "phase IN (:active, :paused) AND endsAt > :now",
      restock: "phase IN (:draft, :active, :paused) AND endsAt > :now",
      reschedule: "phase = :draft OR (phase IN (:active, :paused) AND startsAt > :now)",
      delete: "phase = :draft",
    });
    expect(conditionFor("reschedule", now).values).toEqual({
      ":draft": "draft",
      ":active": "active",
      ":paused": "paused",
      ":now": now,
    });
    expect(conditionFor("delete", now).values).toEqual({ ":draft": "draft" });
  });

  it("the page's answer (from a drop's status) is the write's, in every state", () => {
    for (const [phase, window] of table) {
      const drop = { phase, ...windows[window], remainingStock: 3 };
      const answered = {
        status: dropStatus(drop, now),
        startsAt: new Date(drop.startsAt).toISOString(),
        endsAt: new Date(drop.endsAt).toISOString(),
      };
      for (const a of actions)
        expect({ phase, window, a, allowed: allows(a, answered, now) }).toEqual({
          phase,
          window,
          a,
          allowed: judge(a, drop, now) === undefined,
        });
    }
  });
});

describe("expressions from parts", () => {
  it("joins clauses, bracketing only a different join inside", () => {
    const c = and(
      or(phaseIs(["draft"]), and(phaseIs(["active", "paused"]), clause("startsAt > :now", { ":now": 1 }))),
      clause("x > :y", { ":y": 2 }),
    );
    expect(c.text).toBe("(phase = :draft OR (phase IN (:active, :paused) AND startsAt > :now)) AND x > :y");
    expect(and(and(clause("a"), clause("b")), clause("c")).text).toBe("a AND b AND c");
  });

  it("an update sets and adds by #name and :name, leaves out what is undefined, and keeps the condition's values", () => {
    const input = updateInput(
      { set: { name: "N", endsAt: undefined }, add: { totalStock: 2 } },
      clause("endsAt > :now", { ":now": 5 }),
    );
    expect(input).toEqual({
      UpdateExpression: "SET #name = :name ADD #totalStock :totalStock",
      ConditionExpression: "endsAt > :now",
      ExpressionAttributeNames: { "#name": "name", "#totalStock": "totalStock" },
      ExpressionAttributeValues: { ":name": "N", ":totalStock": 2, ":now": 5 },
    });
  });

  it("refuses a name given two values, and an update of nothing", () => {
    expect(() => and(clause("a < :v", { ":v": 1 }), clause("b > :v", { ":v": 2 }))).toThrow(/:v/);
    expect(() => updateInput({ set: { a: undefined } }, clause("x"))).toThrow();
  });
});
