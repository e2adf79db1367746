import "server-only";
import { can, type Principal } from "@/lib/auth/principal";
import { getBrand } from "@/lib/brand/brands";
import { getMemberItem } from "@/lib/brand/members";
import type { Role } from "@/lib/schemas/brand";

/** Who is signed in, as the dashboard shows it: their brand (none for the operator) and role. */
export type Identity = {
  name: string;
  role: Role | "operator";
  brand?: { id: string; name: string; slug: string };
  /** A manager or more: may create and change drops (a viewer only watches). */
  canWrite: boolean;
  /** An owner (or the operator): members, invites and API tokens. */
  canManage: boolean;
};

export async function identityOf(p: Principal): Promise<Identity> {
  const rights = { canWrite: can(p, "manager"), canManage: can(p, "owner") };
  if (p.kind === "operator") return { name: "Platform operator", role: "operator", ...rights };
  const [brand, member] = await Promise.all([
    getBrand({ id: p.brandId }),
    p.kind === "member" ? getMemberItem({ id: p.memberId }) : undefined,
  ]);
  return { name: member?.name ?? "API token", role: p.role, brand, ...rights };
}

export const roleLabel: Record<Identity["role"], string> = {
  operator: "operator",
  owner: "owner",
  manager: "manager",
  viewer: "viewer",
};
