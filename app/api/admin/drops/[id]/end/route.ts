import { transitionRoute } from "@/lib/http/drop-action-route";
import { notAllowed } from "@/lib/api-routes";

/** Ends a drop now; nothing sells after this. */
export const POST = transitionRoute("end");

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
