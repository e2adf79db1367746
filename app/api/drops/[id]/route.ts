import { getDrop } from "@/lib/drops";
import { noStore, parseParams, route } from "@/lib/http";
import { dropParams } from "@/lib/schemas/ids";

export const GET = route<{ id: string }>(async (_req, { params }) => {
  const { id } = parseParams(params, dropParams);
  return Response.json({ drop: await getDrop({ id }) }, { headers: noStore });
});
