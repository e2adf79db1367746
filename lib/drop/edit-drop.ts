import "server-only";
import {
  keepShards,
  rescheduleDrop,
  setBotDefence,
  setWaitingRoom,
  updateDropInfo,
} from "@/lib/drop/admin-writes";
import type { UpdateDropInput } from "@/lib/schemas/drop-admin";

/**
 * An admin's edit of a drop (PATCH /api/admin/drops/{id}), each part by its own write in
 * lib/drop/admin-writes.ts: the stock's shards, then the window and rules (refused once it started:
 * the refusable change first, so a 409 changes nothing), `botDefence` and the waiting room at any
 * time, and last the
 * catalogue fields on the cold item (name, description, image, price, and `listed`: whether it is
 * in the public feed). Answers what the writes answered: the hot state (if one was written) and
 * the info item, for getDrop to read only the rest.
 */
export async function editDrop({ id, changes }: { id: string; changes: UpdateDropInput }) {
  const {
    name,
    description,
    imageUrl,
    priceCents,
    currency,
    listed,
    stockShards,
    botDefence,
    waitingRoom,
    ...schedule
  } = changes;
  let state = stockShards === undefined ? undefined : await keepShards({ id, stockShards });
  if (Object.keys(schedule).length > 0) state = await rescheduleDrop({ id, changes: schedule });
  if (botDefence !== undefined) state = await setBotDefence({ id, botDefence, known: state });
  if (waitingRoom !== undefined) state = await setWaitingRoom({ id, changes: waitingRoom });
  const info = await updateDropInfo({
    id,
    changes: { name, description, imageUrl, priceCents, currency, listed },
  });
  return { state, info };
}
