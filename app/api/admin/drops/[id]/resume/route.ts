import { dropActionRoute } from "@/lib/http/drop-action-route";
import { resumeDrop } from "@/lib/drop/admin-writes";
import { notAllowed } from "@/lib/api-routes";

/** Resumes a paused drop. */
export const POST = dropActionRoute("drop.resume", resumeDrop);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
