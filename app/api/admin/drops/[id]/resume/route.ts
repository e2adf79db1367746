import { dropActionRoute } from "@/lib/http/drop-action-route";
import { transitionWithLine } from "@/lib/queue/room-changes";
import { notAllowed } from "@/lib/api-routes";

/** Resumes a paused drop, and its waiting room's admission from where it stopped. */
export const POST = dropActionRoute("drop.resume", (input) =>
  transitionWithLine({ ...input, action: "resume" }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
