import { dropActionRoute } from "@/lib/drop/action-route";
import { resumeDrop } from "@/lib/drop/admin-writes";

/** Resumes a paused drop. */
export const POST = dropActionRoute("drop.resume", resumeDrop);
