import { publicDrawKey } from "@/lib/entries/receipts";
import { noParams, publicRoute } from "@/lib/http/route";
import { notAllowed } from "@/lib/api-routes";

/** The key entry receipts verify with: `{algorithm: "Ed25519", publicKey}` (hex, 32 bytes). */
export const GET = publicRoute(noParams, async () =>
  Response.json(publicDrawKey(), { headers: { "Cache-Control": "public, max-age=300" } }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
