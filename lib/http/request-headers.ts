import { idempotencyKeySchema } from "@/lib/schemas/ids";

// The request headers the API reads beyond who is calling, each parsed in one place.

/**
 * The `Idempotency-Key` header: undefined when none was sent, 400 `INVALID_REQUEST` for one that is
 * not 1–128 characters of `A–Z a–z 0–9 _ . : -`. The claim and the admin's drop actions take it.
 */
export function idempotencyKey(req: Request): string | undefined {
  const header = req.headers.get("idempotency-key");
  return header === null ? undefined : idempotencyKeySchema.parse(header);
}
