import { dropActionRoute } from "@/lib/http/drop-action-route";
import { pauseDrop } from "@/lib/drop/admin-writes";
import { notAllowed } from "@/lib/api-routes";

/** Pauses a drop: claims get 409 PAUSED from the next one on. */
export const POST = dropActionRoute("drop.pause", pauseDrop);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
