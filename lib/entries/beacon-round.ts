import "server-only";
import { fetchBeacon, HttpChain, HttpChainClient } from "drand-client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { QUICKNET } from "@/lib/draw/beacon";

// Fetches a quicknet round from drand's HTTP relays with drand-client, which checks the relay's
// chain info against the pinned one (lib/draw/beacon.ts) and the round's BLS signature before it
// answers. Relays are tried in turn (DRAND_URLS; the tests serve a recorded round on loopback).

export type BeaconRound = { round: number; randomness: string; signature: string };

export async function fetchRound(round: number): Promise<BeaconRound> {
  let last: unknown;
  for (const url of env().DRAND_URLS) {
    const options = {
      disableBeaconVerification: false,
      noCache: true,
      chainVerificationParams: { chainHash: QUICKNET.chainHash, publicKey: QUICKNET.publicKey },
    };
    try {
      const client = new HttpChainClient(new HttpChain(`${url}/${QUICKNET.chainHash}`, options), options);
      const beacon = await fetchBeacon(client, round);
      return { round: beacon.round, randomness: beacon.randomness, signature: beacon.signature };
    } catch (err) {
      last = err;
    }
  }
  // The draw waits for it: a 503 to an admin's "Draw now", and the next sweep tries again.
  console.error(`No drand relay answered round ${round}:`, last instanceof Error ? last.message : last);
  throw new AppError(
    "UNAVAILABLE",
    `The beacon's round ${round} could not be fetched yet; try again shortly.`,
    undefined,
    {
      "Retry-After": "5",
    },
  );
}
