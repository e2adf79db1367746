import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { bearer } from "@/lib/http";
import { safeEqual } from "@/lib/auth/crypto";

export function isAdminToken(token: string | undefined): boolean {
  return token !== undefined && safeEqual(token, env().ADMIN_TOKEN);
}

export function requireAdmin(req: Request): void {
  if (!isAdminToken(bearer(req))) throw new AppError("UNAUTHENTICATED", "Admin credentials are required.");
}
