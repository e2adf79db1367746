import { existsSync } from "node:fs";
import { pingDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { noStore, route } from "@/lib/http/route";
import { notAllowed } from "@/lib/api-routes";

const unavailable = (code: "UNAVAILABLE" | "WARMING_UP", message: string) =>
  Response.json(
    { ok: false, error: { code, message } },
    { status: 503, headers: { ...noStore, "Retry-After": "1" } },
  );

export const GET = route(async () => {
  // `npm run start:local` takes traffic once its warm-up race is over (scripts/race/warm-up.ts).
  const marker = env().WARMUP_MARKER;
  if (marker !== undefined && existsSync(marker))
    return unavailable("WARMING_UP", "The local server is warming up its claim path.");
  if (!(await pingDb())) return unavailable("UNAVAILABLE", "The database does not answer.");
  return Response.json({ ok: true }, { headers: noStore });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
