import { issueShopperToken } from "@/lib/auth/shopper";
import { noStore, readJson, route } from "@/lib/http";
import { createShopperInput } from "@/lib/schemas/claim";

/** Mints a guest shopper: each browser tab keeps its own token. */
export const POST = route(async (req) => {
  await readJson(req, createShopperInput);
  return Response.json(issueShopperToken(), { status: 201, headers: noStore });
});
