import { createDrop, listDrops } from "@/lib/drop/drops";
import { adminRoute, noParams, noStore, readJson } from "@/lib/http";
import { createDropInput } from "@/lib/schemas/drop";

export const GET = adminRoute(noParams, async () =>
  Response.json({ drops: await listDrops({ includeDrafts: true }) }, { headers: noStore }),
);

export const POST = adminRoute(noParams, async (req) => {
  const input = await readJson(req, createDropInput);
  return Response.json({ drop: await createDrop({ input }) }, { status: 201, headers: noStore });
});
