import { brandOf } from "@/lib/auth/principal";
import { brandForNewDrop } from "@/lib/brand/wall";
import { createDrop, listDrops } from "@/lib/drop/drops";
import { adminRoute, noParams, noStore, readJson } from "@/lib/http";
import { createDropInput } from "@/lib/schemas/drop";

/** Every drop for the operator; a brand's own drops (one query by brand) for its members and tokens. */
export const GET = adminRoute(noParams, async (_req, { principal }) =>
  Response.json(
    { drops: await listDrops({ includeDrafts: true, brandId: brandOf(principal) }) },
    { headers: noStore },
  ),
);

export const POST = adminRoute(noParams, async (req, { principal }) => {
  const input = await readJson(req, createDropInput);
  const brandId = await brandForNewDrop(principal, input.brandId);
  return Response.json({ drop: await createDrop({ input, brandId }) }, { status: 201, headers: noStore });
});
