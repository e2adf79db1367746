import "server-only";
import { getMemberItem, memberIdByEmail, toMember } from "@/lib/brand/members";
import { verifyAgainstDummy, verifyPassword } from "@/lib/brand/passwords";
import { noteActivity } from "@/lib/brand/activity";
import { AppError } from "@/lib/errors";
import type { Member } from "@/lib/schemas/brand";

/**
 * A member's email and password, checked: the member, or 401 with one message for a wrong password
 * and an unknown email alike. An unknown email still runs scrypt (against a dummy hash), so the two
 * also take about the same time. Both outcomes go to the member's brand's activity log.
 */
export async function checkMemberPassword({
  email,
  password,
  address,
}: {
  email: string;
  password: string;
  address?: string;
}): Promise<Member> {
  const memberId = await memberIdByEmail({ email });
  const item = memberId === undefined ? undefined : await getMemberItem({ id: memberId });
  const ok = item ? await verifyPassword(password, item.passwordHash) : await verifyAgainstDummy(password);
  if (item) {
    await noteActivity({
      brandId: item.brandId,
      action: ok ? "member.signIn" : "member.signInFailed",
      actor: { kind: "member", id: item.id },
      address,
    });
  }
  if (!item || !ok) throw new AppError("UNAUTHENTICATED", "Wrong email or password.");
  return toMember(item);
}
