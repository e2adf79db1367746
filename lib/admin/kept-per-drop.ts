import "server-only";

/**
 * State this process keeps per drop for the live view (a running total, say), brought up to date at
 * most every `everyMs` by one load at a time, however many admins are watching. At most `max` drops
 * are kept; the oldest goes first. Correctness never rests on it: a cold process loads from scratch.
 */
export function keptPerDrop<S extends { loadedAt: number; loading?: Promise<void> }>({
  everyMs,
  max = 1000,
  create,
  refresh,
}: {
  everyMs: number;
  max?: number;
  create: () => S;
  refresh: (dropId: string, state: S, now: number) => Promise<void>;
}): (dropId: string, now: number) => Promise<S> {
  const kept = new Map<string, S>();
  return async (dropId, now) => {
    let state = kept.get(dropId);
    if (!state) {
      state = create();
      kept.set(dropId, state);
      if (kept.size > max) kept.delete(kept.keys().next().value as string);
    }
    if (now - state.loadedAt >= everyMs) {
      const current = state;
      current.loading ??= refresh(dropId, current, now).finally(() => (current.loading = undefined));
    }
    await state.loading;
    return state;
  };
}
