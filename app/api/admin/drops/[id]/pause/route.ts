import { dropActionRoute } from "@/lib/http/drop-action-route";
import { transitionWithLine } from "@/lib/queue/room-changes";
import { notAllowed } from "@/lib/api-routes";

/**
 * Pauses a drop: claims get 409 PAUSED from the next one on, and its waiting room stops admitting
 * 20 s later (CHANGE_LEAD_MS: the passes already handed out ahead keep their turns).
 */
export const POST = dropActionRoute("drop.pause", (input) =>
  transitionWithLine({ ...input, action: "pause" }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
