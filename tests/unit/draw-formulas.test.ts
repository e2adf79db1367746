// The draw's formulas (issue 23) against answers computed outside this code (`sha256sum` on the
// exact strings, and node:crypto), the ranking's order and split, and a 100,000-entry draw.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { commitment, entriesHash, score } from "@/lib/draw/formulas";
import { rankEntries } from "@/lib/draw/rank";

const SEED = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const IDS = ["entry-c", "entry-a", "entry-b"];
/** sha256sum of "entry-a\nentry-b\nentry-c". */
const HASH = "981337fe15df45cad6b4c4531acd31dd0a11cc09d8f8665cd79f46fa4c0eb597";
/** The randomness of quicknet round 30662982 (tests/unit/fixtures/drand-quicknet-round.json). */
const RANDOMNESS = "ae76da5137c6d0a0d3b50d325948b26cc3ff1f804cd7bbca29b9250c2bfe8d67";

const sha256Hex = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

describe("the draw's formulas", () => {
  it("commitment is SHA-256 of the seed's 32 bytes, not of its hex", () => {
    expect(commitment(SEED)).toBe("630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd");
    expect(commitment(SEED.toUpperCase())).toBe(commitment(SEED));
    expect(commitment(SEED)).not.toBe(sha256Hex(SEED));
    expect(() => commitment("abcd")).toThrow(/32 bytes/);
    expect(() => commitment("zz".repeat(32))).toThrow(/32 bytes/);
  });

  it("entriesHash is SHA-256 of the ids sorted ascending, joined by newlines", () => {
    expect(entriesHash(IDS)).toBe(HASH);
    expect(entriesHash(["entry-a", "entry-b", "entry-c"])).toBe(HASH);
    expect(entriesHash([])).toBe(sha256Hex(""));
    // Code-unit order: "B" < "a" < "aa" < "b", and "10" < "9".
    expect(entriesHash(["b", "aa", "a", "B", "9", "10"])).toBe(sha256Hex("10\n9\nB\na\naa\nb"));
    expect(entriesHash(["é-entry", "z-entry"])).toBe(sha256Hex("z-entry\né-entry"));
  });

  it("score is SHA-256 of seed:randomness:entriesHash:id, the seed in lowercase", () => {
    expect(score(SEED, RANDOMNESS, HASH, "entry-a")).toBe(
      "40884100df9c8bd40e41cbee63748d3558e289dad6544cdb6e78950aa9e91276",
    );
    expect(score(SEED, RANDOMNESS, HASH, "entry-b")).toBe(
      "d9e9f7236fba0bec914c3a9a8db49257c858f58615a7909b673cf6b44825544c",
    );
    expect(score(SEED.toUpperCase(), RANDOMNESS, HASH, "entry-c")).toBe(
      "af5cb2f35a07abbe0456cb665df3a8fdfc43890c533e345339651d8d87a8c501",
    );
    // No beacon: the randomness is the empty string.
    expect(score(SEED, "", HASH, "entry-a")).toBe(
      "f131482a87ff883887fe18f691e2b95ec8dfe55af7aa6ecbb4dcb9c48e754480",
    );
  });
});

describe("rankEntries", () => {
  it("orders by ascending score: the first totalStock win, the rest are the waitlist in order", () => {
    // Scores (above): a 4088…, c af5c…, b d9e9….
    const input = { seed: SEED, randomness: RANDOMNESS, entriesHash: HASH, entryIds: IDS };
    expect(rankEntries({ ...input, totalStock: 2 })).toEqual({
      winners: ["entry-a", "entry-c"],
      waitlist: ["entry-b"],
    });
    // Without a beacon: b 21ce…, c 4a27…, a f131….
    expect(rankEntries({ ...input, randomness: "", totalStock: 1 })).toEqual({
      winners: ["entry-b"],
      waitlist: ["entry-c", "entry-a"],
    });
    expect(rankEntries({ ...input, totalStock: 5 })).toEqual({
      winners: ["entry-a", "entry-c", "entry-b"],
      waitlist: [],
    });
    expect(rankEntries({ ...input, totalStock: 0 }).winners).toEqual([]);
    expect(rankEntries({ ...input, entryIds: [], totalStock: 3 })).toEqual({ winners: [], waitlist: [] });
  });

  it("agrees with sorting the score strings, whatever the order the ids come in", () => {
    const ids = Array.from({ length: 500 }, (_, i) => `id-${(i * 7919) % 1000}`);
    const inputs = { seed: SEED, randomness: RANDOMNESS, entriesHash: entriesHash(ids) };
    const bySortedStrings = [...ids]
      .map((id) => ({ id, s: score(inputs.seed, inputs.randomness, inputs.entriesHash, id) }))
      .sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : a.id < b.id ? -1 : 1))
      .map((e) => e.id);
    const ranked = rankEntries({ ...inputs, entryIds: ids, totalStock: 37 });
    expect([...ranked.winners, ...ranked.waitlist]).toEqual(bySortedStrings);
    expect(rankEntries({ ...inputs, entryIds: [...ids].reverse(), totalStock: 37 })).toEqual(ranked);
  });

  it("refuses an id that appears twice, a malformed seed and a negative stock", () => {
    const input = { seed: SEED, randomness: RANDOMNESS, entriesHash: HASH, totalStock: 1 };
    expect(() => rankEntries({ ...input, entryIds: ["x", "y", "x"] })).toThrow(/x appears twice/);
    expect(() => rankEntries({ ...input, seed: "00", entryIds: IDS })).toThrow(/32 bytes/);
    expect(() => rankEntries({ ...input, totalStock: -1, entryIds: IDS })).toThrow(/totalStock/);
  });

  it("ranks 100,000 entries", () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `e${i.toString(36).padStart(8, "0")}`);
    const hash = entriesHash(ids);
    const { winners, waitlist } = rankEntries({
      seed: SEED,
      randomness: RANDOMNESS,
      entriesHash: hash,
      entryIds: ids,
      totalStock: 1_000,
    });
    expect(winners).toHaveLength(1_000);
    expect(waitlist).toHaveLength(99_000);
    expect(new Set([...winners, ...waitlist]).size).toBe(100_000);
    // Spot checks of the order across the whole list.
    const all = [...winners, ...waitlist];
    for (const i of [0, 999, 1_000, 50_000, 99_998]) {
      const here = score(SEED, RANDOMNESS, hash, all[i]!);
      const next = score(SEED, RANDOMNESS, hash, all[i + 1]!);
      expect(here < next).toBe(true);
    }
  });
});
