import { fetchBeacon, type ChainClient, type ChainInfo, type RandomnessBeacon } from "drand-client";
import { QUICKNET, beaconRandomness } from "@/lib/draw/beacon";

// A quicknet round's BLS signature checked offline with drand-client: its fetchBeacon runs the
// library's own verification against a "client" that answers from memory with the pinned chain
// info (beacon.ts), so nothing is fetched. Browser-safe.

/** Quicknet's chain info as drand's `/info` answers it, from the pinned values. */
export const quicknetInfo: ChainInfo = {
  public_key: QUICKNET.publicKey,
  period: QUICKNET.period,
  genesis_time: QUICKNET.genesisTime,
  hash: QUICKNET.chainHash,
  groupHash: QUICKNET.groupHash,
  schemeID: QUICKNET.scheme,
  metadata: { beaconID: QUICKNET.network },
};

/** A ChainClient that serves one recorded beacon and the pinned chain info, and never fetches. */
function offlineClient(beacon: RandomnessBeacon): ChainClient {
  const chain = { baseUrl: "offline:quicknet", info: async () => quicknetInfo };
  return {
    options: { disableBeaconVerification: false, noCache: true },
    latest: async () => beacon,
    get: async () => beacon,
    chain: () => chain,
  };
}

/** Whether `signatureHex` is quicknet's signature of round `round` (48 bytes on G1, RFC 9380). */
export async function verifyBeaconSignature(round: number, signatureHex: string): Promise<boolean> {
  if (!Number.isInteger(round) || round < 1 || !/^[0-9a-fA-F]{96}$/.test(signatureHex)) return false;
  const signature = signatureHex.toLowerCase();
  // The randomness is derived here, so the library's check of it passes and only the signature is
  // judged; whether a published randomness matches is the caller's separate question.
  const beacon = { round, signature, randomness: beaconRandomness(signature) };
  try {
    await fetchBeacon(offlineClient(beacon), round);
    return true;
  } catch {
    return false; // "not valid", or bytes that are no point on the curve
  }
}
