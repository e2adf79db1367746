import { createMemberSession, sessionCookie } from "@/lib/auth/admin-session";
import { listMemberships, toMember } from "@/lib/brand/members";
import { AppError } from "@/lib/errors";
import { adminRoute, noParams, noStore, readJson } from "@/lib/http/route";
import { switchBrandInput } from "@/lib/schemas/brand";
import { notAllowed } from "@/lib/api-routes";

/**
 * Switches a signed-in account to another of its brands: the same session (nonce, expiry: one
 * sign-out still ends it) acting as that membership. 404 for a brand the account is not in. Any
 * role may switch; the wrapper has checked the session and, for the cookie, the Origin.
 */
export const POST = adminRoute(
  noParams,
  async (req, { principal, session }) => {
    if (principal.kind !== "member" || !session)
      throw new AppError("FORBIDDEN", "Only a member signed in can switch brands.");
    const { brandId } = await readJson(req, switchBrandInput);
    const target = (await listMemberships({ accountId: principal.accountId })).find(
      (m) => m.brandId === brandId,
    );
    if (!target) throw new AppError("NOT_FOUND", "No such brand.");
    const next = createMemberSession(target.id, Date.now(), session);
    return Response.json(
      { ok: true, member: toMember(target) },
      { headers: { ...noStore, "Set-Cookie": sessionCookie(next) } },
    );
  },
  { role: "viewer" },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
