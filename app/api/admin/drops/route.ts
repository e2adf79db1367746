import { actorOf, brandOf } from "@/lib/brand/principal";
import { brandForNewDrop } from "@/lib/auth/wall";
import { listDrops } from "@/lib/drop/drops";
import { adminRoute, noParams, noStore, readJson } from "@/lib/http/route";
import { createDropWithRoom } from "@/lib/queue/room-changes";
import { createDropInput } from "@/lib/schemas/drop";
import { notAllowed } from "@/lib/api-routes";

/** Every drop for the operator; a brand's own drops (one query by brand) for its members and tokens. */
export const GET = adminRoute(noParams, async (_req, { principal }) =>
  Response.json(
    { drops: await listDrops({ includeDrafts: true, brandId: brandOf(principal) }) },
    { headers: noStore },
  ),
);

/** Creates a drop in the caller's brand (the operator's: the one named, or the house brand): 201 `{drop}`. */
export const POST = adminRoute(noParams, async (req, { principal, log }) => {
  const input = await readJson(req, createDropInput);
  const brandId = await brandForNewDrop(principal, input.brandId);
  const drop = await createDropWithRoom({ input, brandId });
  log({ brandId, action: "drop.create", dropId: drop.id, actor: actorOf(principal) });
  return Response.json({ drop }, { status: 201, headers: noStore });
});

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET", "POST");
