import { actorOf, brandOf } from "@/lib/brand/principal";
import { noteActivity } from "@/lib/brand/activity";
import { brandForNewDrop } from "@/lib/auth/wall";
import { createDrop, listDrops } from "@/lib/drop/drops";
import { adminRoute, noParams, noStore, readJson } from "@/lib/http/route";
import { createDropInput } from "@/lib/schemas/drop";
import { clientAddress } from "@/lib/security/client-address";
import { notAllowed } from "@/lib/api-routes";

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
  const drop = await createDrop({ input, brandId });
  await noteActivity({
    brandId,
    action: "drop.create",
    dropId: drop.id,
    actor: actorOf(principal),
    address: clientAddress(req),
  });
  return Response.json({ drop }, { status: 201, headers: noStore });
});

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET", "POST");
