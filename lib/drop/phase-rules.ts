import { and, clause, or, phaseIs, type Clause } from "@/lib/drop/expressions";
import { AppError, type ErrorCode } from "@/lib/errors";
import type { DropStatus } from "@/lib/schemas/drop";
import type { DropState, Phase } from "@/lib/stock/status";

// The admin's writes on a drop's phase and window, as one table: the phases each may start from
// (some only before the drop starts), whether its window must still be open, the phase it
// leaves the drop in, and the refusal in every other state. The write's condition (conditionFor)
// and the refusal's code and message (refusalOf) are both read from it, so they cannot disagree.
// Pure.

/** What a rule looks at: the drop's phase and window (and its stock, for a restock's message). */
export type Judged = Pick<DropState, "phase" | "startsAt" | "endsAt" | "remainingStock">;

type Refusal = { code: ErrorCode; message: string | ((drop: Judged) => string) };

type Rule<From extends Phase> = {
  /** The phases it may start from. */
  from: readonly From[];
  /** Further phases it may start from, but only before the drop starts (startsAt > now). */
  beforeStart?: readonly Phase[];
  /** The window must still be open (endsAt > now); once closed, refused with this. */
  open?: Refusal;
  /** The phase it leaves the drop in; a write without one keeps the phase. */
  to?: Phase;
  /** It also closes the window now (endsAt = now). */
  closesWindow?: true;
  /** Refused in every other standing: a phase it may not start from, or "ended" (window closed). */
  refused: Record<Exclude<Phase, From>, Refusal>;
  /**
   * Refused though the drop as read now allows it: the state the condition saw has since changed
   * (a refusal read afresh), or the write's own further condition failed (a restock's stock).
   */
  otherwise: Refusal;
};

type AnyRule = Omit<Rule<Phase>, "refused"> & { refused: Partial<Record<Phase, Refusal>> };

/** A rule, checked whole: `refused` names every standing `from` leaves out, and no other. */
const rule = <From extends Phase>(r: Rule<From>): AnyRule => r;

const ended: Refusal = { code: "DROP_ENDED", message: "This drop has ended." };
const isDraft: Refusal = { code: "DROP_IS_DRAFT", message: "This drop is a draft; publish it first." };
const published: Refusal = { code: "NOT_DRAFT", message: "This drop is already published." };
const pastEnd: Refusal = {
  code: "DROP_ENDED",
  message: "Its end time has passed; set new times before publishing.",
};
const alreadyPaused: Refusal = { code: "ALREADY_PAUSED", message: "This drop is already paused." };
const notPaused: Refusal = { code: "NOT_PAUSED", message: "Only a paused drop can be resumed." };
const started: Refusal = {
  code: "DROP_STARTED",
  message: "Times, limit and hold length can only change before the drop starts.",
};
const endedStock: Refusal = { code: "DROP_ENDED", message: "An ended drop cannot be restocked." };
const belowSold: Refusal = {
  code: "STOCK_BELOW_SOLD",
  message: (d) => `Only ${Math.max(0, d.remainingStock)} unsold units can be removed.`,
};
const notDraft: Refusal = {
  code: "NOT_DRAFT",
  message: "Only a draft can be deleted; end a published drop instead.",
};

export const rules = {
  /** draft → active: the drop appears to shoppers and sells inside its window. */
  publish: rule({
    from: ["draft"],
    open: pastEnd,
    to: "active",
    refused: { active: published, paused: published, ended: published },
    otherwise: pastEnd,
  }),
  /** Claims get 409 PAUSED from the next write on: the claim's own condition requires active. */
  pause: rule({
    from: ["active"],
    open: ended,
    to: "paused",
    refused: { draft: isDraft, paused: alreadyPaused, ended },
    otherwise: alreadyPaused,
  }),
  resume: rule({
    from: ["paused"],
    open: ended,
    to: "active",
    refused: { draft: notPaused, active: notPaused, ended },
    otherwise: notPaused,
  }),
  /** Ends the drop now: the phase and the window both close, so no later write can sell. A draft is deleted instead. */
  end: rule({
    from: ["active", "paused"],
    open: ended,
    to: "ended",
    closesWindow: true,
    refused: { draft: isDraft, ended },
    otherwise: ended,
  }),
  /** Units added (or unsold ones removed) while the drop can still sell. */
  restock: rule({
    from: ["draft", "active", "paused"],
    open: endedStock,
    refused: { ended: endedStock },
    otherwise: belowSold,
  }),
  /** New window and rules, only while nothing can have sold under the old ones. */
  reschedule: rule({
    from: ["draft"],
    beforeStart: ["active", "paused"],
    refused: { active: started, paused: started, ended },
    otherwise: started,
  }),
  /** A published drop may have sold units: never deleted (a rehearsal is removed otherwise). */
  delete: rule({
    from: ["draft"],
    refused: { active: notDraft, paused: notDraft, ended: notDraft },
    otherwise: notDraft,
  }),
};

export type AdminAction = keyof typeof rules;
/** The actions that move the phase: one generic write each (lib/drop/admin-writes.ts). */
export type Transition = "publish" | "pause" | "resume" | "end";

/** Where a drop stands for these rules: its phase, or "ended" once a published drop's window has closed. */
const standing = (d: Judged, now: number): Phase =>
  d.phase === "draft" || d.phase === "ended" || now < d.endsAt ? d.phase : "ended";

/** Why `action` would be refused on `drop` now, or undefined if the table allows it. */
export function judge(action: AdminAction, drop: Judged, now: number): Refusal | undefined {
  const r = rules[action];
  const mayStart =
    r.from.includes(drop.phase) || (r.beforeStart?.includes(drop.phase) === true && drop.startsAt > now);
  if (!mayStart) return r.refused[standing(drop, now)] ?? r.otherwise;
  if (r.open && now >= drop.endsAt) return r.open;
  return undefined;
}

/**
 * The 409 for a write of `action` whose condition failed on `drop` (404 when there is none): the
 * table's refusal for it, or the rule's `otherwise` when the table would allow it.
 */
export function refusalOf(action: AdminAction, drop: Judged | undefined, now: number): AppError {
  if (!drop) return new AppError("NOT_FOUND", "No such drop.");
  const { code, message } = judge(action, drop, now) ?? rules[action].otherwise;
  return new AppError(code, typeof message === "string" ? message : message(drop));
}

/** The condition of a write of `action` at `now`, from the same table: the phases and window it allows. */
export function conditionFor(action: AdminAction, now: number): Clause {
  const r = rules[action];
  const start = r.beforeStart
    ? or(phaseIs(r.from), and(phaseIs(r.beforeStart), clause("startsAt > :now", { ":now": now })))
    : phaseIs(r.from);
  return r.open ? and(start, clause("endsAt > :now", { ":now": now })) : start;
}

/** The phase a drop of this status is in, for the rules (an "ended" one whose window closed is judged alike). */
const phaseOfStatus = (status: DropStatus): Phase =>
  status === "draft" || status === "paused" || status === "ended" ? status : "active";

/** Whether `action` is allowed on a drop as answered by the API (a page deciding what to offer). */
export function allows(
  action: AdminAction,
  drop: { status: DropStatus; startsAt: string; endsAt: string },
  now = Date.now(),
): boolean {
  const judged = {
    phase: phaseOfStatus(drop.status),
    startsAt: Date.parse(drop.startsAt),
    endsAt: Date.parse(drop.endsAt),
    remainingStock: 0,
  };
  return judge(action, judged, now) === undefined;
}
