import { requireAdmin } from "@/lib/auth/admin";
import { pauseDrop } from "@/lib/drop-admin";
import { getDrop } from "@/lib/drops";
import { noStore, parseParams, readJson, route } from "@/lib/http";
import { emptyBody } from "@/lib/schemas/drop-admin";
import { dropParams } from "@/lib/schemas/ids";

/** Pauses a drop: claims get 409 PAUSED from the next one on. */
export const POST = route<{ id: string }>(async (req, { params }) => {
  await requireAdmin(req);
  const { id } = parseParams(params, dropParams);
  await readJson(req, emptyBody);
  await pauseDrop({ id });
  return Response.json(
    { drop: await getDrop({ id, includeDraft: true, consistent: true }) },
    { headers: noStore },
  );
});
