import { transitionRoute } from "@/lib/http/drop-action-route";
import { notAllowed } from "@/lib/api-routes";

/** Resumes a paused drop. */
export const POST = transitionRoute("resume");

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
