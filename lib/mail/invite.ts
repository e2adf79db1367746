import "server-only";
import type { Role } from "@/lib/schemas/brand";
import { formatInstant } from "@/lib/format";
import { sendMail } from "@/lib/mail/send";

/**
 * An invite goes to the invited email only: its link is in no answer to the inviter, so nobody can
 * accept another person's invite, or learn from it whether their email has an account.
 */
export function inviteMail({
  to,
  brandName,
  role,
  url,
  expiresAt,
}: {
  to: string;
  brandName: string;
  role: Role;
  url: string;
  expiresAt: string;
}) {
  const lines = [
    "Hello,",
    "",
    `You are invited to join ${brandName} on DropRush as ${role === "owner" ? "an owner" : `a ${role}`}.`,
    "",
    `Open this link to join (it works once, until ${formatInstant(expiresAt, { utc: true })}):`,
    url,
    "",
    "If you already have a DropRush account with this email, you join with its password;",
    "otherwise you choose a name and a password.",
    "If you did not expect this mail, ignore it.",
    "",
    "— DropRush",
  ];
  return { to, subject: `Join ${brandName} on DropRush`, text: lines.join("\n"), logWhole: true };
}

export function sendInvite(input: Parameters<typeof inviteMail>[0]) {
  return sendMail(inviteMail(input));
}
