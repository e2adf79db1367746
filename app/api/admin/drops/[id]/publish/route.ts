import { dropActionRoute } from "@/lib/drop/action-route";
import { publishDrop } from "@/lib/drop/admin-writes";

/** Publishes a draft: shoppers see it, and it sells inside its window. */
export const POST = dropActionRoute("drop.publish", publishDrop);
