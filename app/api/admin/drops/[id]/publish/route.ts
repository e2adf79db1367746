import { dropActionRoute } from "@/lib/http/drop-action-route";
import { publishDrop } from "@/lib/drop/admin-writes";
import { notAllowed } from "@/lib/api-routes";

/** Publishes a draft: shoppers see it, and it sells inside its window. */
export const POST = dropActionRoute("drop.publish", publishDrop);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
