import { transitionRoute } from "@/lib/http/drop-action-route";
import { notAllowed } from "@/lib/api-routes";

/** Publishes a draft: shoppers see it, and it sells inside its window. */
export const POST = transitionRoute("publish");

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
