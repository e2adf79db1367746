import "server-only";
import { createDrop, newDropId } from "@/lib/drop/drops";
import { commitDraw } from "@/lib/entries/draw-item";
import { env } from "@/lib/env";

type CreateInput = Parameters<typeof createDrop>[0];

/**
 * Creates a drop of either mode. A draw drop's draw is committed first (its seed and the beacon
 * it will use), so a draw drop always has one; a crash before the drop leaves an unseen draw item.
 */
export async function createAnyDrop(input: CreateInput) {
  const id = input.id ?? newDropId();
  if (input.input.mode === "draw") await commitDraw({ dropId: id, beacon: env().DRAW_BEACON });
  return createDrop({ ...input, id });
}
