import { publicDrawKey } from "@/lib/entries/receipts";
import { noParams, publicRoute } from "@/lib/http/route";
import { notAllowed } from "@/lib/api-routes";

/**
 * The key entry receipts are signed with, `{algorithm: "Ed25519", publicKey, previousPublicKeys}`
 * (hex, 32 bytes each): receipts signed before a rotation verify with a previous one.
 */
export const GET = publicRoute(noParams, async () =>
  Response.json(publicDrawKey(), { headers: { "Cache-Control": "public, max-age=300" } }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
