import { safeEqual } from "@/lib/security/crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sweep } from "@/lib/claim/sweep";
import { sweepDraws } from "@/lib/entries/sweep-draws";
import { bearer } from "@/lib/auth/bearer";
import { noStore, route } from "@/lib/http/route";
import { notAllowed } from "@/lib/api-routes";

// Vercel Cron calls GET with `Authorization: Bearer $CRON_SECRET`; POST serves other schedulers.
const sweepRoute = route(async (req) => {
  const secret = env().CRON_SECRET;
  const token = bearer(req);
  if (!secret || !token || !safeEqual(token, secret))
    throw new AppError("UNAUTHENTICATED", "A valid cron secret is required.");
  // Expired holds' units first: the draws' part then offers them down their rankings.
  const swept = await sweep({ now: Date.now() });
  const draws = await sweepDraws({ now: Date.now() });
  return Response.json({ ...swept, ...draws }, { headers: noStore });
});

export const GET = sweepRoute;
export const POST = sweepRoute;

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET", "POST");
