import type { ActivityEvent } from "@/lib/schemas/brand";

// What each logged action reads as ("<who> <what> <drop>"); an action not listed reads as its code.
const words: Record<string, string> = {
  "brand.create": "created the brand",
  "drop.create": "created",
  "drop.edit": "edited",
  "drop.delete": "deleted",
  "drop.publish": "published",
  "drop.pause": "paused",
  "drop.resume": "resumed",
  "drop.end": "ended",
  "drop.restock": "restocked",
  "drop.audit": "audited",
  "order.refund": "refunded an order",
  "member.invite": "invited a member",
  "member.inviteRevoke": "withdrew an invite",
  "member.join": "joined the brand",
  "member.remove": "removed a member",
  "member.signIn": "signed in",
  "member.signInFailed": "failed to sign in",
  "apiToken.create": "created an API token",
  "apiToken.revoke": "revoked an API token",
};

export const actionWords = (action: string) => words[action] ?? action;

/** Who did it, by name where the page knows it. */
export function actorWords(actor: ActivityEvent["actor"], names: Record<string, string>): string {
  if (actor.kind === "operator") return "Platform operator";
  const known = actor.id === undefined ? undefined : names[actor.id];
  if (known) return known;
  return `${actor.kind === "member" ? "Member" : "API token"} ${actor.id?.slice(0, 8) ?? ""}`.trim();
}
