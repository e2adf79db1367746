import { requireAdmin } from "@/lib/auth/admin";
import { publishDrop } from "@/lib/drop-admin";
import { getDrop } from "@/lib/drops";
import { noStore, parseParams, readJson, route } from "@/lib/http";
import { emptyBody } from "@/lib/schemas/drop-admin";
import { dropParams } from "@/lib/schemas/ids";

/** Publishes a draft: shoppers see it, and it sells inside its window. */
export const POST = route<{ id: string }>(async (req, { params }) => {
  await requireAdmin(req);
  const { id } = parseParams(params, dropParams);
  await readJson(req, emptyBody);
  await publishDrop({ id });
  return Response.json(
    { drop: await getDrop({ id, includeDraft: true, consistent: true }) },
    { headers: noStore },
  );
});
