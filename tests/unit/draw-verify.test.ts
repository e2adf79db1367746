// verifyDraw (issue 23): an honest draw, as GET /api/drops/{id}/draw would publish it, verifies;
// each tampering — a changed seed, an added or a removed entry, a swapped winner, a wrong beacon
// value — fails with a message naming what differs. The beacon is a real recorded quicknet round.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { commitment, entriesHash } from "@/lib/draw/formulas";
import { rankEntries } from "@/lib/draw/rank";
import { verifyDraw } from "@/lib/draw/verify-draw";
import { drawSchema, type PublishedDraw } from "@/lib/schemas/draw";
import { publishedDraw } from "../fixtures/published-draw";

const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");
const SEED = sha256Hex("the seed of the tamper tests");
const OTHER_SEED = sha256Hex("another seed");
const STOCK = 5;
/** The drop closed 30 s before the recorded round existed. */
const ENDS_AT = "2026-07-23T07:38:00.000Z";
const ENTRIES = Array.from({ length: 40 }, (_, i) => `ent_${String(i * 37).padStart(5, "0")}`);

/** What the server publishes for an honest draw of `ids`, seeded by the recorded round. */
const published = (ids: readonly string[], { seed = SEED, beacon = true } = {}): PublishedDraw =>
  publishedDraw({ entryIds: ids, units: STOCK, seed, beacon });

const check = (draw: PublishedDraw, entryIds: readonly string[] = ENTRIES) =>
  verifyDraw({ draw, entryIds, totalStock: STOCK, endsAt: ENDS_AT });

/** The differences a verdict lists (none when it is ok). */
const differences = async (verdict: ReturnType<typeof check>) => {
  const v = await verdict;
  return v.ok ? [] : v.differences;
};

describe("verifyDraw", () => {
  it("verifies an honest draw, with the beacon and without, as its JSON travels", async () => {
    const draw = published(ENTRIES);
    expect(await check(draw)).toEqual({ ok: true });
    expect(await check(drawSchema.parse(JSON.parse(JSON.stringify(draw))))).toEqual({ ok: true });
    expect(await check(published(ENTRIES, { beacon: false }))).toEqual({ ok: true });
    // Fewer entries than units: everyone wins.
    const few = ENTRIES.slice(0, 3);
    expect(await check(published(few), few)).toEqual({ ok: true });
  });

  it("fails a changed seed", async () => {
    const draw = { ...published(ENTRIES), seed: OTHER_SEED };
    expect(await differences(check(draw))).toContain("seed does not match the commitment");
    // A seed swapped with its commitment, winners and all, still does not match the first commitment.
    const redone = { ...published(ENTRIES, { seed: OTHER_SEED }), commitment: commitment(SEED) };
    expect(await differences(check(redone))).toEqual(["seed does not match the commitment"]);
  });

  it("fails an added entry and a removed one", async () => {
    const draw = published(ENTRIES);
    const added = await differences(check(draw, [...ENTRIES, "ent_99999"]));
    expect(added).toContain("entryCount is 40, but the entry list has 41 ids");
    expect(added).toContainEqual(
      expect.stringMatching(/^entriesHash differs: entries were added or removed/),
    );
    const removed = await differences(check(draw, ENTRIES.slice(1)));
    expect(removed).toContainEqual(
      expect.stringMatching(/^entriesHash differs: entries were added or removed/),
    );
    // The server's own list missing an entry it had drawn with: the hash it published betrays it.
    const shortList = { ...published(ENTRIES.slice(1)), entriesHash: draw.entriesHash };
    expect(await differences(check(shortList, ENTRIES.slice(1)))).toContainEqual(
      expect.stringMatching(/^entriesHash differs/),
    );
  });

  it("fails a swapped winner, naming its place", async () => {
    const draw = published(ENTRIES);
    const winners = draw.winners!;
    const loser = ENTRIES.find((id) => !winners.includes(id))!;
    const swapped = { ...draw, winners: winners.map((w, i) => (i === 1 ? loser : w)) };
    expect(await differences(check(swapped))).toEqual([`winner #2 should be ${winners[1]}, is ${loser}`]);

    const reordered = { ...draw, winners: [winners[1]!, winners[0]!, ...winners.slice(2)] };
    expect(await differences(check(reordered))).toEqual([
      `winner #1 should be ${winners[0]}, is ${winners[1]}`,
      `winner #2 should be ${winners[1]}, is ${winners[0]}`,
    ]);

    const stranger = { ...draw, winners: [...winners.slice(0, 4), "ent_friend"] };
    expect(await differences(check(stranger))).toEqual([
      `winner #5 should be ${winners[4]}, is ent_friend (not among the entries)`,
    ]);

    const extra = { ...draw, winners: [...winners, loser] };
    expect(await differences(check(extra))).toEqual([
      "6 winners published, 5 expected",
      `winner #6 should be nobody, is ${loser}`,
    ]);
  });

  it("fails a wrong beacon value: the randomness, the signature, the round", async () => {
    const draw = published(ENTRIES);
    const beacon = draw.beacon!;
    const otherRandomness = sha256Hex("chosen by the operator");

    const randomness = { ...draw, beacon: { ...beacon, randomness: otherRandomness } };
    expect(await differences(check(randomness))).toEqual(["randomness is not SHA-256 of the signature"]);

    // Winners drawn with a randomness of the operator's choosing, the real beacon published.
    const { winners } = rankEntries({
      seed: SEED,
      randomness: otherRandomness,
      entriesHash: draw.entriesHash!,
      entryIds: ENTRIES,
      totalStock: STOCK,
    });
    const chosen = await differences(check({ ...draw, winners }));
    expect(chosen.length).toBeGreaterThan(0);
    expect(chosen.every((d) => /^winner #\d should be /.test(d))).toBe(true);

    const sig = beacon.signature!;
    const flipped = sig.slice(0, 94) + (sig.slice(94) === "00" ? "01" : "00");
    const signature = { ...draw, beacon: { ...beacon, signature: flipped } };
    expect(await differences(check(signature))).toContainEqual(
      expect.stringMatching(/^beacon signature invalid/),
    );

    const round = { ...draw, beacon: { ...beacon, round: beacon.round + 1 } };
    expect(await differences(check(round))).toEqual([
      `beacon round is ${beacon.round + 1}, but the round 30 s after endsAt is ${beacon.round}`,
      `beacon signature invalid: it is not quicknet's signature of round ${beacon.round + 1}`,
    ]);

    const network = { ...draw, beacon: { ...beacon, network: "my-own-beacon" } };
    expect(await differences(check(network))).toEqual([
      'beacon network "my-own-beacon" is unknown: this verifier checks drand quicknet only',
    ]);

    const unsigned = { ...draw, beacon: { network: "quicknet", round: beacon.round } };
    expect(await differences(check(unsigned))).toEqual(
      expect.arrayContaining(["beacon signature is missing", "beacon randomness is missing"]),
    );
  });

  it("says what is missing, repeated or not drawn yet", async () => {
    const draw = published(ENTRIES);
    expect(await check({ ...draw, status: "closed" })).toEqual({
      ok: false,
      differences: ["not drawn yet: the draw is closed"],
    });
    expect(await differences(check({ ...draw, seed: undefined }))).toEqual([
      "seed is missing",
      "the winners cannot be recomputed without the seed",
    ]);
    expect(await differences(check({ ...draw, seed: "not hex" }))).toContain("seed is not 32 bytes of hex");
    expect(await differences(check({ ...draw, winners: undefined }))).toEqual(["winners are missing"]);
    expect(await differences(check({ ...draw, entriesHash: undefined }))).toEqual(["entriesHash is missing"]);
    const twice = await differences(check({ ...draw, entryCount: 41 }, [...ENTRIES, ENTRIES[3]!]));
    expect(twice).toContain(`entry id ${ENTRIES[3]} appears more than once`);
  });

  it("lists at most 20 differing winners, then how many more", async () => {
    const many = 60;
    const ids = Array.from({ length: 200 }, (_, i) => `e${i}`);
    const hash = entriesHash(ids);
    const { winners, waitlist } = rankEntries({
      seed: SEED,
      randomness: "",
      entriesHash: hash,
      entryIds: ids,
      totalStock: many,
    });
    const draw = { ...published(ids, { beacon: false }), winners: waitlist.slice(0, many) };
    const found = await differences(verifyDraw({ draw, entryIds: ids, totalStock: many }));
    expect(found).toHaveLength(21);
    expect(found[0]).toBe(`winner #1 should be ${winners[0]}, is ${waitlist[0]}`);
    expect(found[20]).toBe("…and 40 more winners differ");
  });
});
