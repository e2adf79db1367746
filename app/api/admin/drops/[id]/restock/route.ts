import { dropActionRoute } from "@/lib/http/drop-action-route";
import { restockDrop } from "@/lib/drop/restock";
import { restockInput } from "@/lib/schemas/drop-admin";
import { notAllowed } from "@/lib/api-routes";

/** Adds units to remaining and total at once (negative removes unsold units, never sold ones). */
export const POST = dropActionRoute("drop.restock", restockDrop, restockInput);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
