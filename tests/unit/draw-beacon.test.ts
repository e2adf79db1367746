// The beacon (issue 23), offline: a real drand quicknet round, recorded in fixtures/, verifies with
// drand-client against the pinned chain info, and a flipped byte or another round does not; the
// round that exists at a time, and the one a drop fixes 30 s after its close.
import { roundAt as drandRoundAt, roundTime as drandRoundTime } from "drand-client";
import { describe, expect, it } from "vitest";
import { QUICKNET, beaconRandomness, drawRound, roundAt, roundTime } from "@/lib/draw/beacon";
import { quicknetInfo, verifyBeaconSignature } from "@/lib/draw/verify-beacon";
import recorded from "./fixtures/drand-quicknet-round.json";

/** `hex` with the byte at `index` XOR-ed with 0x01. */
const flipByte = (hex: string, index: number) =>
  hex.slice(0, index * 2) +
  (parseInt(hex.slice(index * 2, index * 2 + 2), 16) ^ 1).toString(16).padStart(2, "0") +
  hex.slice(index * 2 + 2);

describe("a recorded quicknet round", () => {
  it("is quicknet's, and its randomness is SHA-256 of its signature", async () => {
    expect(recorded.chainHash).toBe(QUICKNET.chainHash);
    expect(recorded.network).toBe(QUICKNET.network);
    expect(await verifyBeaconSignature(recorded.round, recorded.signature)).toBe(true);
    expect(await verifyBeaconSignature(recorded.round, recorded.signature.toUpperCase())).toBe(true);
    expect(beaconRandomness(recorded.signature)).toBe(recorded.randomness);
  });

  it("fails with a flipped byte anywhere in the signature, or for another round", async () => {
    for (const index of [0, 1, 24, 47]) {
      const signature = flipByte(recorded.signature, index);
      expect({ index, valid: await verifyBeaconSignature(recorded.round, signature) }).toEqual({
        index,
        valid: false,
      });
    }
    expect(await verifyBeaconSignature(recorded.round + 1, recorded.signature)).toBe(false);
    expect(await verifyBeaconSignature(recorded.round - 1, recorded.signature)).toBe(false);
    expect(beaconRandomness(flipByte(recorded.signature, 47))).not.toBe(recorded.randomness);
  });

  it("refuses what is no signature at all", async () => {
    expect(await verifyBeaconSignature(recorded.round, recorded.signature.slice(2))).toBe(false);
    expect(await verifyBeaconSignature(recorded.round, "zz".repeat(48))).toBe(false);
    expect(await verifyBeaconSignature(0, recorded.signature)).toBe(false);
    expect(await verifyBeaconSignature(1.5, recorded.signature)).toBe(false);
  });
});

describe("rounds and times", () => {
  const genesisMs = QUICKNET.genesisTime * 1000;

  it("a round exists from genesis + (round − 1) × 3 s", () => {
    expect(roundTime(1)).toBe(genesisMs);
    expect(roundAt(genesisMs)).toBe(1);
    expect(roundAt(genesisMs + 2_999)).toBe(1);
    expect(roundAt(genesisMs + 3_000)).toBe(2);
    expect(roundTime(recorded.round)).toBe(Date.parse("2026-07-23T07:38:30.000Z"));
    expect(roundAt(roundTime(recorded.round))).toBe(recorded.round);
    expect(roundAt(roundTime(recorded.round) - 1)).toBe(recorded.round - 1);
    expect(() => roundAt(genesisMs - 1)).toThrow(/genesis/);
    expect(() => roundTime(0)).toThrow(/round/);
  });

  it("agree with drand-client's arithmetic", () => {
    const info = quicknetInfo;
    for (let t = genesisMs; t < genesisMs + 4e12; t += 97_654_321_987)
      expect({ t, round: roundAt(t) }).toEqual({ t, round: drandRoundAt(t, info) });
    for (const round of [1, 2, 1_000, recorded.round, 99_999_999])
      expect(roundTime(round)).toBe(drandRoundTime(info, round));
  });

  it("a drop's draw uses the round that exists 30 s after its close", () => {
    expect(drawRound("2026-07-23T07:38:00.000Z")).toBe(recorded.round);
    expect(drawRound("2026-07-23T07:37:59.999Z")).toBe(recorded.round - 1);
    expect(drawRound(Date.parse("2026-07-23T07:38:02.999Z"))).toBe(recorded.round);
    expect(drawRound("2026-07-23T07:38:03.000Z")).toBe(recorded.round + 1);
  });
});
