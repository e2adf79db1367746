import { AppError, type ClaimRefusal } from "@/lib/errors";
import { dropStatus, type DropState } from "@/lib/stock/status";

/** What the drop itself says to a claim (the shopper's limit is the slot's business). */
export type DropRefusal = Exclude<ClaimRefusal, "LIMIT_REACHED" | "TOO_MANY_EXPIRED_HOLDS"> | "NOT_FOUND";

/** Why a claim on this drop state would be refused right now, if it would; the rules of dropStatus. */
export function refusalFor(
  state: Pick<DropState, "phase" | "startsAt" | "endsAt" | "remainingStock"> | undefined,
  now: number,
): DropRefusal | undefined {
  if (!state) return "NOT_FOUND";
  switch (dropStatus(state, now)) {
    case "draft":
      return "NOT_FOUND";
    case "ended":
      return "ENDED";
    case "paused":
      return "PAUSED";
    case "scheduled":
      return "NOT_STARTED";
    case "sold_out":
      return "SOLD_OUT";
    case "live":
      return undefined;
  }
}

const messages: Record<DropRefusal, string> = {
  SOLD_OUT: "This drop is sold out.",
  NOT_STARTED: "This drop has not started yet.",
  ENDED: "This drop has ended.",
  PAUSED: "This drop is paused right now. Try again shortly.",
  NOT_FOUND: "No such drop.",
};

export function refusalError(refusal: DropRefusal): AppError {
  return new AppError(refusal, messages[refusal]);
}
