import { dropActionRoute } from "@/lib/drop/action-route";
import { endDrop } from "@/lib/drop/admin-writes";

/** Ends a drop now; nothing sells after this. */
export const POST = dropActionRoute("drop.end", endDrop);
