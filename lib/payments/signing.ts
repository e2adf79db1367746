import "server-only";
import { createHmac } from "node:crypto";
import Stripe from "stripe";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sessionSecrets } from "@/lib/security/session-secrets";

// Webhook signatures, Stripe's scheme for both providers: the local provider signs its events with
// the stripe SDK's own test header, and the webhook verifies every event with `constructEvent`, so
// a local run exercises the same verification as production.

/** How old a signed timestamp may be (Stripe's default tolerance): a replayed old event is refused. */
export const SIGNATURE_TOLERANCE_S = 300;

/**
 * The secrets the webhook verifies with, the one events are signed with first: Stripe's endpoint
 * secret with PAYMENTS=stripe; with local, one derived from SESSION_SECRET (nothing to configure,
 * and nobody outside can sign one), and from SESSION_SECRET_PREVIOUS during a rotation, so an event
 * signed just before it still arrives.
 */
export function webhookSecrets(): string[] {
  const e = env();
  if (e.PAYMENTS === "stripe") return [e.STRIPE_WEBHOOK_SECRET!];
  return sessionSecrets().map(
    (secret) =>
      `whsec_${createHmac("sha256", secret).update("droprush local payments webhook").digest("hex")}`,
  );
}

/** The secret events are signed with. */
export const webhookSecret = (): string => webhookSecrets()[0]!;

/** A `Stripe-Signature` header for `payload` (the local provider's events, and tests). */
export function signPayload(payload: string, secret = webhookSecret(), timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

/** The event in `payload` if `signature` is Stripe's scheme over it with our secret; else BAD_SIGNATURE. */
export function verifyPayload(payload: string, signature: string | null): unknown {
  if (!signature) throw new AppError("BAD_SIGNATURE", "The Stripe-Signature header is missing.");
  for (const secret of webhookSecrets()) {
    try {
      return Stripe.webhooks.constructEvent(payload, signature, secret, SIGNATURE_TOLERANCE_S);
    } catch {
      // not this secret's signature (or too old): the next one, if any
    }
  }
  throw new AppError("BAD_SIGNATURE", "The webhook's signature does not verify.");
}
