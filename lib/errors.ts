import { ZodError } from "zod";

/**
 * Why a claim is refused, in one list: the error table below, the attempt counters, the metrics
 * schema and the admin's refusals tables all read it.
 */
export const claimRefusals = [
  "SOLD_OUT",
  "NOT_STARTED",
  "LIMIT_REACHED",
  "PAUSED",
  "ENDED",
  // Holds of this drop expired unbought too often (lib/claim/slots.ts): holding is not free.
  "TOO_MANY_EXPIRED_HOLDS",
] as const;
export type ClaimRefusal = (typeof claimRefusals)[number];
export const isClaimRefusal = (code: string): code is ClaimRefusal =>
  (claimRefusals as readonly string[]).includes(code);

/** Claims refused by the bot defences (lib/security): counted with the refusals above, not 409s. */
export const defenceRefusals = ["RATE_LIMITED", "CHALLENGE_REQUIRED", "CHALLENGE_INVALID"] as const;
export type DefenceRefusal = (typeof defenceRefusals)[number];

// The one table of error codes the API speaks; clients switch on `code`, never on the message.
const errorStatus = {
  INVALID_REQUEST: 400,
  // A payment provider's webhook whose signature does not verify (lib/payments/webhook.ts): nothing applied.
  BAD_SIGNATURE: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  // A method the route does not answer; the `Allow` header lists those it does (lib/api-routes.ts).
  METHOD_NOT_ALLOWED: 405,
  ...(Object.fromEntries(claimRefusals.map((code) => [code, 409])) as Record<ClaimRefusal, 409>),
  IN_PROGRESS: 409,
  HOLD_EXPIRED: 409,
  HOLD_RELEASED: 409,
  ALREADY_CONFIRMED: 409,
  // Another shopper already checked out a unit of this drop with this email (lib/claim/order-email.ts).
  EMAIL_HAS_ORDER: 409,
  // An admin's refund (lib/claim/refund-order.ts): a claim that is no order, an order no payment paid
  // (payments off, a free drop), an order refunded already (otherwise, or at the provider).
  NOT_AN_ORDER: 409,
  NOT_PAID: 409,
  ALREADY_REFUNDED: 409,
  // A payment that is not (or no longer) an authorisation: captured or released when it cannot be
  // (lib/payments: released, expired, never authorised, or already charged).
  PAYMENT_NOT_CAPTURABLE: 409,
  // Admin transitions refused by the drop's current state (lib/drop/admin-writes.ts).
  DROP_ENDED: 409,
  DROP_STARTED: 409,
  DROP_IS_DRAFT: 409,
  NOT_DRAFT: 409,
  NOT_PAUSED: 409,
  ALREADY_PAUSED: 409,
  STOCK_BELOW_SOLD: 409,
  SHARDS_FIXED: 409,
  HAS_ORDERS: 409,
  // Draw drops (lib/entries): entering a first-come drop, claiming a draw drop, drawing too early.
  NOT_A_DRAW: 409,
  DRAW_ONLY: 409,
  DRAW_NOT_READY: 409,
  // The waiting room (lib/queue): joining or asking about the line of a drop that has none, or
  // asking before joining; a claim on a drop with one needs its pass (X-Queue-Pass).
  NO_WAITING_ROOM: 409,
  NOT_IN_LINE: 404,
  QUEUE_REQUIRED: 428,
  QUEUE_PASS_INVALID: 403,
  // Brands (lib/brand/): a slug or an email already taken, an invite used, revoked or past its expiry.
  SLUG_TAKEN: 409,
  EMAIL_TAKEN: 409,
  // A brand keeps at least one owner (lib/brand/members.ts).
  LAST_OWNER: 409,
  // An invite for, or the acceptance by, an account that is already a member of the brand.
  ALREADY_MEMBER: 409,
  INVITE_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  // The client closed the request before its handler began (nginx's 499): nobody reads this answer,
  // and nothing was done (lib/http/route.ts).
  CLIENT_GONE: 499,
  RATE_LIMITED: 429,
  // The drop asks for proof of work (lib/security/pow.ts): none sent, or not a usable one.
  CHALLENGE_REQUIRED: 428,
  CHALLENGE_INVALID: 403,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAVAILABLE: 503,
  // `npm run start:local` runs a warm-up race before it takes traffic (scripts/race/warm-up.ts).
  WARMING_UP: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** Field problems as `[{ path, message }]`; an unknown field is named by its own path, one per field. */
function zodDetails(err: ZodError) {
  return err.issues.flatMap((i) =>
    i.code === "unrecognized_keys"
      ? i.keys.map((key) => ({ path: [...i.path, key].join("."), message: `Unknown field "${key}"` }))
      : [{ path: i.path.join("."), message: i.message }],
  );
}

// AWS SDK errors that mean "the database is busy or unreachable", not "the client is wrong".
const transientNames = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
  "TimeoutError",
  "UnknownOutcome", // lib/db/write-once.ts: a write whose answer was lost; the retry settles it
]);

function isTransient(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: string }).code;
  return (
    transientNames.has(err.name) ||
    code === "ECONNREFUSED" ||
    code === "ECONNRESET" ||
    code === "ETIMEDOUT" ||
    err.message.includes("socket hang up")
  );
}

export function toResponse(err: unknown): Response {
  if (err instanceof ZodError) {
    return json(
      { code: "INVALID_REQUEST", message: "The request is not valid.", details: zodDetails(err) },
      400,
    );
  }
  if (err instanceof AppError) {
    const body = {
      code: err.code,
      message: err.message,
      ...(err.details === undefined ? {} : { details: err.details }),
    };
    return json(body, err.status, err.headers);
  }
  if (isTransient(err)) {
    return json({ code: "UNAVAILABLE", message: "The service is busy. Please try again in a moment." }, 503, {
      "Retry-After": "1",
    });
  }
  console.error("Unhandled error", err);
  return json({ code: "INTERNAL", message: "Something went wrong on our side." }, 500);
}

function json(error: ErrorBody["error"], status: number, headers?: Record<string, string>): Response {
  return Response.json({ error }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}
