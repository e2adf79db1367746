import { dropActionRoute } from "@/lib/http/drop-action-route";
import { endDrop } from "@/lib/drop/admin-writes";
import { notAllowed } from "@/lib/api-routes";

/** Ends a drop now; nothing sells after this. */
export const POST = dropActionRoute("drop.end", endDrop);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
