import "server-only";
import { isAdminToken, sessionPrincipal } from "@/lib/auth/admin";
import { createAdminSession, createMemberSession } from "@/lib/auth/admin-session";
import { acceptInvite } from "@/lib/brand/accept-invite";
import type { ActivityNote } from "@/lib/brand/activity";
import { toMember } from "@/lib/brand/members";
import { signInAccount } from "@/lib/brand/sign-in";
import { AppError } from "@/lib/errors";
import type { AcceptInviteInput, Member, SignInInput } from "@/lib/schemas/brand";
import { limits } from "@/lib/security/limits";
import { consume, refund } from "@/lib/security/rate-limit";

// The two ways into an admin session besides the cookie itself: signing in, and joining a brand by
// an invite. Each answers the new session, what the answer says besides, and what the brands' logs
// are to keep (the route wrapper records it). An address that sent too many wrong credentials is
// locked out, even with the right ones, for the rest of the window; another address still gets in.
// Counted before the check, so parallel guesses cannot all slip past the limit; a right one is
// taken back off.

type Session = { value: string; expiresAt: number };

/**
 * The operator's admin token, or an account's email and password (lib/brand/sign-in.ts, which also
 * counts the account), for a session: a member's acts in the account's first brand (the dashboard
 * switches between them: POST /api/admin/session/brand).
 */
export async function signIn(
  input: SignInInput,
  address: string | undefined,
): Promise<{ session: Session; answer: object; activity: ActivityNote[] }> {
  if ("token" in input) {
    if (address) await consume(limits.signInFailures(), address);
    if (!isAdminToken(input.token)) throw new AppError("UNAUTHENTICATED", "That is not the admin token.");
    if (address) await refund(limits.signInFailures(), address);
    return { session: createAdminSession(), answer: {}, activity: [] };
  }
  const { memberships, activity } = await signInAccount({ ...input, address });
  const first = memberships[0];
  if (!first) throw new AppError("FORBIDDEN", "This account is not a member of any brand any more.");
  const brands = memberships.map((m) => ({ memberId: m.id, brandId: m.brandId, role: m.role }));
  return { session: createMemberSession(first.id), answer: { member: toMember(first), brands }, activity };
}

/**
 * Joins a brand by an invite (lib/brand/accept-invite.ts), signed in to that brand at once. A new
 * account brings a name and password; an existing one its password, or nothing when `cookie` is a
 * session of it. A wrong password counts against the address's sign-in failures, as sign-in does;
 * any other outcome is taken back off.
 */
export async function joinByInvite({
  token,
  input,
  cookie,
  address,
}: {
  token: string;
  input: AcceptInviteInput;
  cookie: string | undefined;
  address: string | undefined;
}): Promise<{ member: Member; created: boolean; session: Session; activity: ActivityNote[] }> {
  const signedIn = await sessionPrincipal(cookie);
  if (address) await consume(limits.signInFailures(), address);
  const { member, created } = await acceptInvite({
    token,
    ...input,
    sessionAccountId: signedIn?.kind === "member" ? signedIn.accountId : undefined,
  }).catch(async (err: unknown) => {
    const guessed = err instanceof AppError && err.code === "UNAUTHENTICATED";
    if (address && !guessed) await refund(limits.signInFailures(), address);
    throw err;
  });
  if (address) await refund(limits.signInFailures(), address);
  const joined = { brandId: member.brandId, action: "member.join", detail: member.role };
  return {
    member,
    created,
    session: createMemberSession(member.id),
    activity: [{ ...joined, actor: { kind: "member", id: member.id } }],
  };
}
