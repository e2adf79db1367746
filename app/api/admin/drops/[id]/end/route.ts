import { requireAdmin } from "@/lib/auth/admin";
import { endDrop } from "@/lib/drop-admin";
import { getDrop } from "@/lib/drops";
import { noStore, parseParams, readJson, route } from "@/lib/http";
import { emptyBody } from "@/lib/schemas/drop-admin";
import { dropParams } from "@/lib/schemas/ids";

/** Ends a drop now; nothing sells after this. */
export const POST = route<{ id: string }>(async (req, { params }) => {
  await requireAdmin(req);
  const { id } = parseParams(params, dropParams);
  await readJson(req, emptyBody);
  await endDrop({ id });
  return Response.json(
    { drop: await getDrop({ id, includeDraft: true, consistent: true }) },
    { headers: noStore },
  );
});
