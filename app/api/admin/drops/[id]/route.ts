import { deleteDrop } from "@/lib/admin/delete-drop";
import { editDrop } from "@/lib/drop/edit-drop";
import { getDrop } from "@/lib/drop/drops";
import { adminDropRoute, noStore, readJson } from "@/lib/http/route";
import { prepareRoomChange } from "@/lib/queue/room-changes";
import { updateDropInput } from "@/lib/schemas/drop-admin";
import { notAllowed } from "@/lib/api-routes";

export const GET = adminDropRoute(async (_req, { id }) =>
  Response.json({ drop: await getDrop({ id, includeDraft: true }) }, { headers: noStore }),
);

/**
 * Edits a drop: the window and rules first (refused once it started), then the catalogue fields
 * (name, description, image, price, and `listed`: whether it is in the public feed), and
 * `botDefence` and `waitingRoom` at any time (lib/drop/edit-drop.ts, lib/queue/room-changes.ts). Answers the drop as it now is.
 */
export const PATCH = adminDropRoute(
  async (req, { id }) => {
    const changes = await readJson(req, updateDropInput);
    // A room turned on gets its seed, a new rate its place in the admission record, before the drop's write.
    if (changes.waitingRoom) await prepareRoomChange({ id, changes: changes.waitingRoom });
    const written = await editDrop({ id, changes });
    // The drop as the writes answered it; only what none of them wrote is read.
    return Response.json(
      { drop: await getDrop({ id, includeDraft: true, consistent: true, ...written }) },
      { headers: noStore },
    );
  },
  { activity: ({ id }) => ({ action: "drop.edit", dropId: id }) },
);

/** Deletes a draft, or a rehearsal with its claims; 409 NOT_DRAFT for another published drop. */
export const DELETE = adminDropRoute(
  async (_req, { id }) => {
    await deleteDrop({ id });
    return Response.json({ deleted: id }, { headers: noStore });
  },
  { activity: ({ id }) => ({ action: "drop.delete", dropId: id }) },
);

export const { POST, PUT, OPTIONS } = notAllowed("GET", "PATCH", "DELETE");
