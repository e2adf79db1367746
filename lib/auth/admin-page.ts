import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { sessionPrincipal } from "@/lib/auth/admin";
import { ADMIN_COOKIE } from "@/lib/auth/admin-session";
import type { Principal } from "@/lib/brand/principal";

/** Who this page request's admin session belongs to (the operator or a current member), if anyone. */
export async function adminPagePrincipal(): Promise<Principal | undefined> {
  return sessionPrincipal((await cookies()).get(ADMIN_COOKIE)?.value);
}

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
