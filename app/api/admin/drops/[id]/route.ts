import { requireAdmin } from "@/lib/auth/admin";
import { deleteDraft, rescheduleDrop, updateDropInfo } from "@/lib/drop-admin";
import { getDrop } from "@/lib/drops";
import { noStore, parseParams, readJson, route } from "@/lib/http";
import { updateDropInput } from "@/lib/schemas/drop-admin";
import { dropParams } from "@/lib/schemas/ids";

export const GET = route<{ id: string }>(async (req, { params }) => {
  await requireAdmin(req);
  const { id } = parseParams(params, dropParams);
  return Response.json({ drop: await getDrop({ id, includeDraft: true }) }, { headers: noStore });
});

/** Edits a drop: the window and rules first (refused once it started), then the catalogue fields. */
export const PATCH = route<{ id: string }>(async (req, { params }) => {
  await requireAdmin(req);
  const { id } = parseParams(params, dropParams);
  const { name, description, imageUrl, priceCents, currency, ...schedule } = await readJson(
    req,
    updateDropInput,
  );
  if (Object.keys(schedule).length > 0) await rescheduleDrop({ id, changes: schedule });
  await updateDropInfo({ id, changes: { name, description, imageUrl, priceCents, currency } });
  return Response.json(
    { drop: await getDrop({ id, includeDraft: true, consistent: true }) },
    { headers: noStore },
  );
});

/** Deletes a draft; 409 NOT_DRAFT for a published drop. */
export const DELETE = route<{ id: string }>(async (req, { params }) => {
  await requireAdmin(req);
  const { id } = parseParams(params, dropParams);
  await deleteDraft({ id });
  return Response.json({ deleted: id }, { headers: noStore });
});
