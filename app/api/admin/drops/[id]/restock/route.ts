import { requireAdmin } from "@/lib/auth/admin";
import { restockDrop } from "@/lib/drop-admin";
import { getDrop } from "@/lib/drops";
import { noStore, parseParams, readJson, route } from "@/lib/http";
import { restockInput } from "@/lib/schemas/drop-admin";
import { dropParams } from "@/lib/schemas/ids";

/** Adds units to remaining and total at once (negative removes unsold units, never sold ones). */
export const POST = route<{ id: string }>(async (req, { params }) => {
  await requireAdmin(req);
  const { id } = parseParams(params, dropParams);
  const { quantity } = await readJson(req, restockInput);
  await restockDrop({ id, quantity });
  return Response.json(
    { drop: await getDrop({ id, includeDraft: true, consistent: true }) },
    { headers: noStore },
  );
});
