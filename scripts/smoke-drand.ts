// `npm run smoke:drand`: the draw's beacon against the real drand network (the tests use a recorded
// round on loopback). Fetches the latest quicknet round that exists through the app's own code
// (lib/entries/beacon-round.ts: drand-client, the pinned chain info, the BLS signature checked),
// from DRAND_URLS or drand's public relays, and prints it. Needs the internet.
import { roundAt } from "@/lib/draw/beacon";
import { verifyBeaconSignature } from "@/lib/draw/verify-beacon";
import { fetchRound } from "@/lib/entries/beacon-round";

process.env.ADMIN_TOKEN ??= "smoke-drand-unused-token";
process.env.SESSION_SECRET ??= "smoke-drand-unused-session-secret-0123456789";

const round = roundAt(Date.now()) - 1;
try {
  const beacon = await fetchRound(round);
  const offline = await verifyBeaconSignature(beacon.round, beacon.signature);
  console.log(`quicknet round ${beacon.round}: randomness ${beacon.randomness}`);
  console.log(
    offline ? "VERIFIED (fetched and checked by drand-client, and again offline)" : "NOT VERIFIED offline",
  );
  process.exit(offline ? 0 : 1);
} catch (err) {
  console.error(`Could not fetch quicknet round ${round}: ${err instanceof Error ? err.message : err}`);
  process.exit(2);
}
