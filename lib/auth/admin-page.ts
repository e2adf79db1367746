import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ADMIN_COOKIE, readAdminSession } from "@/lib/auth/admin-session";
import { isSignedOut } from "@/lib/auth/admin-sign-outs";

/** True when this page request carries a valid admin session. */
export async function hasAdminSession(): Promise<boolean> {
  const session = readAdminSession((await cookies()).get(ADMIN_COOKIE)?.value);
  return session !== undefined && !(await isSignedOut(session));
}

/**
 * Every /admin page calls this before it loads anything (not the layout: layouts do not re-run on
 * client navigation). Anyone else is sent to the sign-in page, which returns them to `path`.
 */
export async function requireAdminPage(path: string): Promise<void> {
  if (!(await hasAdminSession())) redirect(`/admin/login?next=${encodeURIComponent(path)}`);
}

/** Where to go after signing in: only a path inside the dashboard (never another site). */
export function safeNextPath(next: string | string[] | undefined): string {
  return typeof next === "string" && /^\/admin(\/[A-Za-z0-9/_-]*)?$/.test(next) && next !== "/admin/login"
    ? next
    : "/admin";
}
