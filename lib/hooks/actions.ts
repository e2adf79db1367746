"use client";

import { useState } from "react";
import { api, ApiError } from "@/lib/hooks/fetcher";
import type { AuditReport } from "@/lib/schemas/claim";
import type {
  AcceptInviteInput,
  ApiTokenInput,
  Brand,
  CreateBrandInput,
  Invite,
  InviteInput,
  Member,
} from "@/lib/schemas/brand";
import type { Claim, ClaimPayment, ConfirmClaimInput, RefundOrderInput, Shopper } from "@/lib/schemas/claim";
import type { CardStepAnswer, LocalCardInput } from "@/lib/schemas/payment";
import type { Drop } from "@/lib/schemas/drop";
import type { PublishedDraw } from "@/lib/schemas/draw";
import type { Entered, Entering } from "@/lib/schemas/entry";
import { QUEUE_PASS_HEADER, type QueueTicket } from "@/lib/schemas/queue";
import { keepQueueTicket } from "@/lib/hooks/use-queue";

// Every write the browser makes, in one place: its URL, its method and its exact body. Reads (SWR
// keys) stay beside their hooks (use-admin, use-stock, use-my-claims…).

/** The admin's state changes on a drop, each a POST to `/api/admin/drops/{id}/{action}`. */
export type DropAction = "publish" | "pause" | "resume" | "end" | "restock";

export const writeUrls = {
  session: "/api/admin/session",
  drops: "/api/admin/drops",
  drop: (dropId: string) => `/api/admin/drops/${dropId}`,
  dropAction: (dropId: string, action: DropAction) => `/api/admin/drops/${dropId}/${action}`,
  audit: (dropId: string) => `/api/admin/drops/${dropId}/audit`,
  refund: (dropId: string, claimId: string) => `/api/admin/drops/${dropId}/orders/${claimId}/refund`,
  claims: (dropId: string) => `/api/drops/${dropId}/claims`,
  entries: (dropId: string) => `/api/drops/${dropId}/entries`,
  queue: (dropId: string) => `/api/drops/${dropId}/queue`,
  drawNow: (dropId: string) => `/api/admin/drops/${dropId}/draw`,
  confirm: (claimId: string) => `/api/claims/${claimId}/confirm`,
  release: (claimId: string) => `/api/claims/${claimId}/release`,
  localCard: "/api/payments/local/confirm",
  localAuthenticate: "/api/payments/local/authenticate",
  shoppers: "/api/shoppers",
  refreshShopper: "/api/shoppers/refresh",
  brands: "/api/admin/brands",
  switchBrand: "/api/admin/session/brand",
  invites: (brandId: string) => `/api/admin/brands/${brandId}/invites`,
  invite: (brandId: string, inviteId: string) => `/api/admin/brands/${brandId}/invites/${inviteId}`,
  acceptInvite: (token: string) => `/api/invites/${token}/accept`,
  member: (brandId: string, memberId: string) => `/api/admin/brands/${brandId}/members/${memberId}`,
  apiTokens: (brandId: string) => `/api/admin/brands/${brandId}/api-tokens`,
  apiToken: (brandId: string, id: string) => `/api/admin/brands/${brandId}/api-tokens/${id}`,
};

type DropAnswer = { drop?: Drop };
type ClaimAnswer = { claim: Claim };
/** A claim's answer also says the stock as its server knows it after the claim. */
type ClaimUnitAnswer = ClaimAnswer & { stock?: unknown };
const post = (body: unknown) => ({ method: "POST", body: JSON.stringify(body) });

// Admin (the session cookie authenticates these).
export const signIn = (input: { token: string }) => api<unknown>(writeUrls.session, post(input));
/** A brand member's sign-in (the same session cookie as the operator's). */
export const signInMember = (input: { email: string; password: string }) =>
  api<{ member: Member }>(writeUrls.session, post(input));
export const signOut = () => api<unknown>(writeUrls.session, { method: "DELETE" });
// The drop form has checked these bodies with the API's own schemas (lib/admin/drop-form.ts).
export const createDrop = (input: unknown) => api<{ drop: Drop }>(writeUrls.drops, post(input));
export const updateDrop = (dropId: string, input: unknown) =>
  api<{ drop: Drop }>(writeUrls.drop(dropId), { method: "PATCH", body: JSON.stringify(input) });
export const deleteDrop = (dropId: string) => api<unknown>(writeUrls.drop(dropId), { method: "DELETE" });
export const changeDrop = (dropId: string, action: Exclude<DropAction, "restock">) =>
  api<DropAnswer>(writeUrls.dropAction(dropId, action), post({}));
export const restockDrop = (dropId: string, quantity: number) =>
  api<DropAnswer>(writeUrls.dropAction(dropId, "restock"), post({ quantity }));

/** One press of an admin's drop button, as the request it sends. */
export type DropRequest =
  { action: Exclude<DropAction, "restock"> | "delete" } | { action: "restock"; quantity: number };

/** Sends one drop request; resolves to the drop as it now is (none after a delete). */
export async function actOnDrop(dropId: string, request: DropRequest): Promise<Drop | undefined> {
  if (request.action === "delete") {
    await deleteDrop(dropId);
    return undefined;
  }
  const answer =
    request.action === "restock"
      ? await restockDrop(dropId, request.quantity)
      : await changeDrop(dropId, request.action);
  return answer.drop;
}

// Brands (lib/schemas/brand.ts has each body's schema; the forms check them first).
export const createBrand = (input: CreateBrandInput) => api<{ brand: Brand }>(writeUrls.brands, post(input));
/** The invite's link goes by mail to the email, never into this answer. */
export const inviteMember = (brandId: string, input: InviteInput) =>
  api<{ invite: Invite }>(writeUrls.invites(brandId), post(input));
export const revokeInvite = (brandId: string, inviteId: string) =>
  api<unknown>(writeUrls.invite(brandId, inviteId), { method: "DELETE" });
/** Joins the brand and signs in to it (the answer sets the session cookie). */
export const acceptInvite = (token: string, input: AcceptInviteInput) =>
  api<{ member: Member; created: boolean }>(writeUrls.acceptInvite(token), post(input));
/** Acts in another of the signed-in account's brands (the answer sets the session cookie). */
export const switchBrand = (brandId: string) =>
  api<{ member: Member }>(writeUrls.switchBrand, post({ brandId }));
export const removeMember = (brandId: string, memberId: string) =>
  api<unknown>(writeUrls.member(brandId, memberId), { method: "DELETE" });
/** The token's secret is in this answer only. */
export const createApiToken = (brandId: string, input: ApiTokenInput) =>
  api<{ id: string; token: string }>(writeUrls.apiTokens(brandId), post(input));
export const revokeApiToken = (brandId: string, id: string) =>
  api<unknown>(writeUrls.apiToken(brandId, id), { method: "DELETE" });

/** "Draw now" on a closed draw drop: 409 DRAW_NOT_READY (details.drawableAt) until it can run. */
export const drawNow = (dropId: string) => api<{ draw: PublishedDraw }>(writeUrls.drawNow(dropId), post({}));

export const auditDrop = async (dropId: string) =>
  (await api<{ report: AuditReport }>(writeUrls.audit(dropId), post({}))).report;

/**
 * Refunds one paid order in full (an owner or a manager); with `restock`, its unit goes back on sale
 * while the drop sells. Safe to send again: the same refund answers the same order.
 */
export const refundOrder = async (dropId: string, claimId: string, input: RefundOrderInput) =>
  (await api<ClaimAnswer>(writeUrls.refund(dropId, claimId), post(input))).claim;

// Shopper (the tab's bearer token authenticates these). A claim is sent with no body at all, and
// with its proof of work (lib/hooks/use-proof-of-work.ts) on a drop that asks for one.
export const claimUnit = (
  dropId: string,
  token: string,
  idempotencyKey: string,
  altcha?: string,
  /** On a drop with a waiting room: the pass its line gave this shopper. */
  queuePass?: string,
) =>
  api<ClaimUnitAnswer>(writeUrls.claims(dropId), {
    method: "POST",
    token,
    headers: {
      "Idempotency-Key": idempotencyKey,
      ...(altcha ? { "X-Altcha": altcha } : {}),
      ...(queuePass ? { [QUEUE_PASS_HEADER]: queuePass } : {}),
    },
  });

const CLAIM_TRIES = 6;

/** 128 random bits as hex. (crypto.randomUUID exists only in secure contexts: not on http://<LAN IP>.) */
export const intentKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

/**
 * One press of Claim: one Idempotency-Key for the whole intent (`key`, from intentKey(); the page
 * sends it again with a fresh solution or pass), so resending it can never take a second unit. A
 * 503 (the database was busy, or its answer was lost) and a network failure are retried with
 * backoff, and the key makes the retry get the true answer; `onRetry` lets the button say "still
 * trying". Anything else is the answer. Every resend carries the same solved challenge: the server
 * lets one intent spend it again.
 */
export async function claimOnce(
  dropId: string,
  token: string,
  key: string,
  onRetry: (attempt: number) => void,
  altcha?: string,
  queuePass?: string,
): Promise<ClaimUnitAnswer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await claimUnit(dropId, token, key, altcha, queuePass);
    } catch (err) {
      const retryable = err instanceof ApiError && (err.status === 503 || err.code === "NETWORK");
      if (!retryable || attempt >= CLAIM_TRIES) throw err;
      onRetry(attempt);
      await new Promise((r) => setTimeout(r, Math.min(4000, 250 * 2 ** attempt) * (0.5 + Math.random())));
    }
  }
}
/**
 * Joins a drop's waiting room (its proof of work as a claim's): the same ticket again if in line.
 * Its signed token is kept for this tab's polls of the line (lib/hooks/use-queue.ts).
 */
export async function joinQueue(
  dropId: string,
  shopper: { shopperId: string; token: string },
  altcha?: string,
): Promise<QueueTicket> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { ticket } = await api<{ ticket: QueueTicket }>(writeUrls.queue(dropId), {
        method: "POST",
        token: shopper.token,
        headers: altcha ? { "X-Altcha": altcha } : {},
      });
      keepQueueTicket(dropId, shopper.shopperId, ticket.token);
      return ticket;
    } catch (err) {
      const retryable = err instanceof ApiError && (err.status === 503 || err.code === "NETWORK");
      if (!retryable || attempt >= CLAIM_TRIES) throw err;
      await new Promise((r) => setTimeout(r, Math.min(4000, 250 * 2 ** attempt) * (0.5 + Math.random())));
    }
  }
}

/**
 * Enters a draw drop, with its proof of work on a drop that asks for one. Entering twice answers
 * the same entry, so a 503 or a lost answer is simply sent again.
 */
export async function enterDraw(
  dropId: string,
  token: string,
  altcha?: string,
  /** A paid draw's details: the answer is then the card's payment (202) until it is authorised. */
  buyer?: ConfirmClaimInput,
): Promise<Entered | Entering> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api<Entered | Entering>(writeUrls.entries(dropId), {
        method: "POST",
        token,
        headers: {
          ...(altcha ? { "X-Altcha": altcha } : {}),
          ...(buyer ? { "content-type": "application/json" } : {}),
        },
        ...(buyer ? { body: JSON.stringify(buyer) } : {}),
      });
    } catch (err) {
      const retryable = err instanceof ApiError && (err.status === 503 || err.code === "NETWORK");
      if (!retryable || attempt >= CLAIM_TRIES) throw err;
      await new Promise((r) => setTimeout(r, Math.min(4000, 250 * 2 ** attempt) * (0.5 + Math.random())));
    }
  }
}

/**
 * Checkout: the answer names the private receipt link (`orderUrl`), good in any browser; with
 * payments on, the hold's payment to confirm (the order follows its success).
 */
export const confirmClaim = (claimId: string, token: string, input: ConfirmClaimInput) =>
  api<ClaimAnswer & { orderUrl: string; payment?: ClaimPayment }>(writeUrls.confirm(claimId), {
    ...post(input),
    token,
  });

/** One hold's part of a checkout: its order (and receipt link), or why the server refused it. */
export type HoldCheckout =
  | { claim: Claim; ok: true; confirmed: Claim; orderUrl: string; payment?: ClaimPayment }
  | { claim: Claim; ok: false; message: string; error?: ApiError };

/** The local provider's card step (Stripe's test numbers), and its authentication step. */
export const payWithLocalCard = (input: LocalCardInput) =>
  api<CardStepAnswer>(writeUrls.localCard, post(input));
export const authenticateLocal = (input: Omit<LocalCardInput, "cardNumber"> & { approve: boolean }) =>
  api<CardStepAnswer>(writeUrls.localAuthenticate, post(input));

/** A claim as it stands now (a paid checkout waits on it for its order). */
export const readClaim = (claimId: string, token: string) =>
  api<ClaimAnswer>(`/api/claims/${claimId}`, { token });

/**
 * One checkout for several holds: one confirm per hold with the same body, all sent at once, each
 * answer kept. A hold that ended meanwhile (409) does not stop the others from becoming orders.
 */
export const confirmClaims = (claims: Claim[], token: string, input: ConfirmClaimInput) =>
  Promise.all(
    claims.map(async (claim): Promise<HoldCheckout> => {
      try {
        const answer = await confirmClaim(claim.id, token, input);
        const { orderUrl, payment } = answer;
        return { claim, ok: true, confirmed: answer.claim, orderUrl, ...(payment ? { payment } : {}) };
      } catch (err) {
        const error = err instanceof ApiError ? err : undefined;
        return {
          claim,
          ok: false,
          error,
          message: error?.message ?? "Something went wrong. Please try again.",
        };
      }
    }),
  );
export const releaseClaim = (claimId: string, token: string) =>
  api<ClaimAnswer>(writeUrls.release(claimId), { method: "POST", token });
export const mintShopper = () => api<Shopper>(writeUrls.shoppers, post({}));
/** The same shopper with a fresh token (while the old one is still good). */
export const refreshShopper = (token: string) =>
  api<Shopper>(writeUrls.refreshShopper, { ...post({}), token });

/** A write's result: its value, or its words and the API's error (none if something else threw). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error?: ApiError; message: string };

type Options = {
  /** What to say when the write failed other than by an API answer. */
  fallback?: string;
  /** How an API error reads in this component; its message by default. */
  describe?: (error: ApiError) => string;
  /**
   * When busy stays on: "success" for a write that then leaves the page (the form cannot be sent
   * twice while the next page loads); "always" for a one-shot control the answer replaces.
   */
  keepBusy?: "success" | "always";
};

/**
 * A component's writes: `busy` while one runs, `error` in words once one fails (cleared by the next).
 * `run` never throws; `write` may do the success follow-ups too, which then count as the write.
 */
export function useAction({
  fallback = "Something went wrong. Please try again.",
  describe = (e) => e.message,
  keepBusy,
}: Options = {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function run<T>(write: () => Promise<T>): Promise<Outcome<T>> {
    setBusy(true);
    setError(undefined);
    try {
      const value = await write();
      if (!keepBusy) setBusy(false);
      return { ok: true, value };
    } catch (err) {
      const apiError = err instanceof ApiError ? err : undefined;
      const message = apiError ? describe(apiError) : fallback;
      setError(message);
      if (keepBusy !== "always") setBusy(false);
      return { ok: false, error: apiError, message };
    }
  }

  /** Forget the last error (what it said is no longer true, e.g. a limit after a release). */
  const clear = () => setError(undefined);

  return { busy, error, run, clear };
}
