import { getDrop } from "@/lib/drop/drops";
import { noStore, publicRoute } from "@/lib/http/route";
import { dropParams } from "@/lib/schemas/ids";
import { notAllowed } from "@/lib/api-routes";

export const GET = publicRoute(dropParams, async (_req, { id }) =>
  Response.json({ drop: await getDrop({ id }) }, { headers: noStore }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
