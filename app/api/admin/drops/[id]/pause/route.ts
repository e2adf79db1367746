import { transitionRoute } from "@/lib/http/drop-action-route";
import { notAllowed } from "@/lib/api-routes";

/** Pauses a drop: claims get 409 PAUSED from the next one on. */
export const POST = transitionRoute("pause");

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
