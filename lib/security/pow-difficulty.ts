// How hard a drop's proof-of-work challenge is, from how hard the drop is pressed, and how long
// it holds. Pure: the challenge route, the browser's solver, the bench and the tests share it.
//
// Pressure = challenges handed out for the drop over the last minute (every server's, from the
// attempt counters) per unit still on sale. A challenge is a number in [0, maxNumber] to find by
// SHA-256 (ALTCHA v1): on average maxNumber / 2 hashes. Up to a pressure of 1 (fewer challenges a
// minute than units) the challenge is near-instant; from 50 a minute per unit (an open page
// renews its challenge every ~90 s: some 75 watchers a unit) it is the hardest, about 1.5 s of a
// phone's CPU (docs/security.md has the measured curve); in between it grows geometrically.

export const CALM_MAX_NUMBER = 1_000;
/** A challenge must be solved and used within this; the browser fetches a fresh one before. */
export const CHALLENGE_SECONDS = 120;
const CALM_PRESSURE = 1;
const HOT_PRESSURE = 50;

/** The challenge's maxNumber for `pressure`, between CALM_MAX_NUMBER and `hardest`. */
export function maxNumberFor(pressure: number, hardest: number): number {
  if (!(pressure > CALM_PRESSURE) || hardest <= CALM_MAX_NUMBER) return CALM_MAX_NUMBER;
  const t = Math.min(1, Math.log(pressure / CALM_PRESSURE) / Math.log(HOT_PRESSURE / CALM_PRESSURE));
  return Math.round(CALM_MAX_NUMBER * (hardest / CALM_MAX_NUMBER) ** t);
}

/** Pressure from the challenges of the last minute and the units left (none left counts as one). */
export const pressureOf = (challengesLastMinute: number, unitsLeft: number) =>
  challengesLastMinute / Math.max(1, unitsLeft);
