import { z } from "@/lib/schemas/zod";

const whole = (min: number, max: number) => {
  const message = `Enter a whole number from ${min} to ${max.toLocaleString("en-US")}`;
  return z.number({ message }).int(message).min(min, message).max(max, message);
};

/** The race arena's form (/admin/race): sizes one browser tab can race. The limit is the API's (1–100). */
export const raceArenaInput = z.strictObject({
  stock: whole(1, 1000),
  shoppers: whole(1, 5000),
  dups: whole(0, 2000),
  maxPerShopper: whole(1, 100),
});
export type RaceArenaInput = z.infer<typeof raceArenaInput>;
