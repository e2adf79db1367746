import { dropActionRoute } from "@/lib/drop/action-route";
import { pauseDrop } from "@/lib/drop/admin-writes";

/** Pauses a drop: claims get 409 PAUSED from the next one on. */
export const POST = dropActionRoute("drop.pause", pauseDrop);
