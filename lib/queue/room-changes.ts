import "server-only";
import { transitionDrop } from "@/lib/drop/admin-writes";
import { newDropId } from "@/lib/drop/drops";
import { createAnyDrop } from "@/lib/entries/create-draw";
import { env } from "@/lib/env";
import { recordAdmission } from "@/lib/queue/admission-state";
import { commitQueueSeed } from "@/lib/queue/seed";
import type { WaitingRoomChanges } from "@/lib/schemas/queue";
import { getDropHead } from "@/lib/stock/reads";

// The admin writes a waiting room adds to the drop's own, each before the drop's write it goes
// with, and each safe to send again: a crash in between is finished by the same action resent.

type CreateInput = Parameters<typeof createAnyDrop>[0];

/** Creates a drop; with its room on, the pre-queue's seed is committed first (as a draw's is). */
export async function createDropWithRoom(input: CreateInput) {
  const id = input.id ?? newDropId();
  if (input.input.waitingRoom?.enabled && input.input.mode !== "draw")
    await commitQueueSeed({ dropId: id, beacon: env().DRAW_BEACON });
  return createAnyDrop({ ...input, id });
}

/**
 * Before a PATCH's `waitingRoom` is written on the drop: a room turned on gets its seed, and a new
 * rate is recorded from now on in the admission record (which admission reads, so the places
 * admitted so far stay admitted). A draw drop is left to the drop's write, which refuses it.
 */
export async function prepareRoomChange({
  id,
  changes,
  now = Date.now(),
}: {
  id: string;
  changes: WaitingRoomChanges;
  now?: number;
}): Promise<void> {
  const head = await getDropHead({ id, consistent: true });
  if (!head || head.mode === "draw") return;
  if (changes.enabled) await commitQueueSeed({ dropId: id, beacon: env().DRAW_BEACON });
  if (changes.admitPerMinute !== undefined && head.waitingRoom)
    await recordAdmission({
      dropId: id,
      now,
      change: { rate: changes.admitPerMinute },
      configuredRate: head.waitingRoom.admitPerMinute,
    });
}

/**
 * Pause or resume, and with a waiting room its admission too: the drop's phase first (a refused
 * transition changes nothing), then the admission record. Resent (with its Idempotency-Key), the
 * drop's write is a replay and the record's a no-op, so a crash in between is finished by a resend.
 */
export async function transitionWithLine({
  action,
  now = Date.now(),
  ...ref
}: {
  id: string;
  writeId?: string;
  action: "pause" | "resume";
  now?: number;
}) {
  const state = await transitionDrop({ ...ref, action, now });
  if (state.waitingRoom?.enabled)
    await recordAdmission({
      dropId: ref.id,
      now,
      change: { paused: action === "pause" },
      configuredRate: state.waitingRoom.admitPerMinute,
    });
  return state;
}
