import { deleteDrop } from "@/lib/admin/rehearsals";
import { keepShards, rescheduleDrop, setBotDefence, updateDropInfo } from "@/lib/drop/admin-writes";
import { getDrop } from "@/lib/drop/drops";
import { adminDropRoute, noStore, readJson } from "@/lib/http/route";
import { updateDropInput } from "@/lib/schemas/drop-admin";
import { notAllowed } from "@/lib/api-routes";

export const GET = adminDropRoute(async (_req, { id }) =>
  Response.json({ drop: await getDrop({ id, includeDraft: true }) }, { headers: noStore }),
);

/**
 * Edits a drop: the window and rules first (refused once it started), then the catalogue fields
 * (name, description, image, price, and `listed`: whether it is in the public feed), and
 * `botDefence` at any time.
 */
export const PATCH = adminDropRoute(
  async (req, { id }) => {
    const {
      name,
      description,
      imageUrl,
      priceCents,
      currency,
      listed,
      stockShards,
      botDefence,
      ...schedule
    } = await readJson(req, updateDropInput);
    let state = stockShards === undefined ? undefined : await keepShards({ id, stockShards });
    // The refusable change first: a 409 changes nothing.
    if (Object.keys(schedule).length > 0) state = await rescheduleDrop({ id, changes: schedule });
    if (botDefence !== undefined) state = await setBotDefence({ id, botDefence, known: state });
    const info = await updateDropInfo({
      id,
      changes: { name, description, imageUrl, priceCents, currency, listed },
    });
    // The drop as the writes answered it; only what none of them wrote is read.
    return Response.json(
      { drop: await getDrop({ id, includeDraft: true, consistent: true, state, info }) },
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
