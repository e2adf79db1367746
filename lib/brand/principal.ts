import { AppError } from "@/lib/errors";
import { roles, type MadeBy, type Role } from "@/lib/schemas/brand";

/**
 * Who is calling an admin route: the platform operator (ADMIN_TOKEN, or its session), a brand's
 * member (session cookie: an account acting in one of its brands), or a brand's API token. Members
 * and tokens act inside one brand at a time.
 */
export type Principal =
  | { kind: "operator" }
  | { kind: "member"; memberId: string; accountId: string; brandId: string; role: Role }
  | { kind: "apiToken"; tokenId: string; brandId: string; role: Role };

/** The brand a principal is walled into; undefined for the operator, who sees every brand. */
export function brandOf(p: Principal): string | undefined {
  return p.kind === "operator" ? undefined : p.brandId;
}

/** True when `p` holds at least `need` (the operator holds everything). */
export function can(p: Principal, need: Role | "operator"): boolean {
  if (p.kind === "operator") return true;
  if (need === "operator") return false;
  return roles.indexOf(p.role) >= roles.indexOf(need);
}

/**
 * 403 FORBIDDEN unless `p` holds `need`. Called after the brand wall (lib/auth/wall.ts), so a
 * stranger gets its 404 first.
 */
export function requireRole(p: Principal, need: Role | "operator"): void {
  if (!can(p, need)) {
    throw new AppError(
      "FORBIDDEN",
      need === "operator"
        ? "Only the platform operator can do this."
        : `This needs the ${need} role in this brand.`,
    );
  }
}

/**
 * 403 FORBIDDEN for an API token: who may act on a brand (invites, members, tokens) is decided by
 * a person signed in, or the operator. A leaked token, whatever its role, cannot mint more tokens,
 * invite owners or remove the people who could revoke it.
 */
export function requirePerson(p: Principal): void {
  if (p.kind === "apiToken")
    throw new AppError(
      "FORBIDDEN",
      "Members and API tokens are managed by an owner signed in (or the operator), not by an API token.",
    );
}

/** Who did it, as the activity log names them. */
export function actorOf(p: Principal): { kind: Principal["kind"]; id?: string } {
  if (p.kind === "member") return { kind: "member", id: p.memberId };
  if (p.kind === "apiToken") return { kind: "apiToken", id: p.tokenId };
  return { kind: "operator" };
}

/** Who made an invite or a token, as it is recorded: a person (requirePerson ran before). */
export function madeByOf(p: Principal): MadeBy {
  return p.kind === "member" ? { kind: "member", id: p.memberId } : { kind: "operator" };
}
