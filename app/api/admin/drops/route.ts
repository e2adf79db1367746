import { requireAdmin } from "@/lib/auth/admin";
import { createDrop, listDrops } from "@/lib/drops";
import { noStore, readJson, route } from "@/lib/http";
import { createDropInput } from "@/lib/schemas/drop";

export const GET = route(async (req) => {
  await requireAdmin(req);
  return Response.json({ drops: await listDrops({ includeDrafts: true }) }, { headers: noStore });
});

export const POST = route(async (req) => {
  await requireAdmin(req);
  const input = await readJson(req, createDropInput);
  return Response.json({ drop: await createDrop({ input }) }, { status: 201, headers: noStore });
});
