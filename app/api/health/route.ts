import { pingDb } from "@/lib/db/client";
import { noStore, route } from "@/lib/http";

export const GET = route(async () => {
  const ok = await pingDb();
  return Response.json(
    ok ? { ok } : { ok, error: { code: "UNAVAILABLE", message: "The database does not answer." } },
    {
      status: ok ? 200 : 503,
      headers: noStore,
    },
  );
});
