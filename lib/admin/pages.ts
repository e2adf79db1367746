import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { sessionPrincipal } from "@/lib/auth/admin";
import { ADMIN_COOKIE } from "@/lib/auth/admin-session";
import { ownBrand, requireOwn } from "@/lib/auth/wall";
import { can, type Principal } from "@/lib/brand/principal";
import { getDrop } from "@/lib/drop/drops";
import { allows } from "@/lib/drop/phase-rules";
import { AppError } from "@/lib/errors";
import { brandIdSchema, type Brand } from "@/lib/schemas/brand";
import type { Drop } from "@/lib/schemas/drop";
import { dropIdSchema } from "@/lib/schemas/ids";

// What every admin page (and the dashboard's layout) asks first: who is signed in, verified once
// per request, and the drop or brand it is about, behind the wall (lib/auth/wall.ts), whose 404 is
// the 404 page here: another brand's drop or brand looks exactly like one that does not exist.

/**
 * Who this page request's admin session belongs to (the operator or a current member), if anyone:
 * the cookie verified and read once per request, however many layouts, pages and helpers ask.
 */
export const adminPagePrincipal = cache(async (): Promise<Principal | undefined> =>
  sessionPrincipal((await cookies()).get(ADMIN_COOKIE)?.value),
);

/** True when this page request carries a valid admin session. */
export async function hasAdminSession(): Promise<boolean> {
  return (await adminPagePrincipal()) !== undefined;
}

/**
 * Every /admin page calls this before it loads anything (not the layout: layouts do not re-run on
 * client navigation). Anyone else is sent to the sign-in page, which returns them to `path`.
 */
export async function requireAdminPage(path: string): Promise<Principal> {
  const principal = await adminPagePrincipal();
  if (!principal) redirect(`/admin/login?next=${encodeURIComponent(path)}`);
  return principal;
}

/** Where to go after signing in: only a path inside the dashboard (never another site). */
export function safeNextPath(next: string | string[] | undefined): string {
  return typeof next === "string" && /^\/admin(\/[A-Za-z0-9/_-]*)?$/.test(next) && next !== "/admin/login"
    ? next
    : "/admin";
}

/** The wall's 404 (and any other NOT_FOUND) as the 404 page. */
async function orNotFoundPage<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}

/** The drop an admin page is about, drafts included; a malformed or unknown id, or another brand's drop, is the 404 page. */
export async function loadAdminDrop(id: string, principal: Principal): Promise<Drop> {
  if (!dropIdSchema.safeParse(id).success) notFound();
  return orNotFoundPage(async () => {
    const drop = await getDrop({ id, includeDraft: true });
    requireOwn(principal, drop.brandId, "drop");
    return drop;
  });
}

/** The brand a `/admin/brands/{brandId}/…` page is about: another brand's, or one that does not exist, is the 404 page. */
export async function loadAdminBrand(brandId: string, principal: Principal): Promise<Brand> {
  if (!brandIdSchema.safeParse(brandId).success) notFound();
  return orNotFoundPage(() => ownBrand(principal, brandId));
}

/**
 * The start of a brand's owner-only page (`/admin/brands/{brandId}/{section}`): who asks, the brand,
 * and whether they may use the page (a manager or viewer gets the read-only notice instead).
 */
export async function loadOwnerBrandPage(brandId: string, section: "members" | "tokens") {
  const principal = await requireAdminPage(`/admin/brands/${brandId}/${section}`);
  const brand = await loadAdminBrand(brandId, principal);
  return { principal, brand, owner: can(principal, "owner") };
}

/** Whether start, end, limit and hold may still change: the reschedule rule its write's condition reads. */
export const canReschedule = (drop: Drop, now = Date.now()): boolean => allows("reschedule", drop, now);
