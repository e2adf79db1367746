import "server-only";
import { cache } from "react";
import { can, type Principal } from "@/lib/brand/principal";
import { getBrand } from "@/lib/brand/brands";
import { getMemberItem, listMemberships } from "@/lib/brand/members";
import type { Membership, Role } from "@/lib/schemas/brand";

/** Who is signed in, as the dashboard shows it: their brand (none for the operator) and role. */
export type Identity = {
  name: string;
  role: Role | "operator";
  brand?: { id: string; name: string; slug: string };
  /** A manager or more: may create and change drops (a viewer only watches). */
  canWrite: boolean;
  /** An owner (or the operator): members, invites and API tokens. */
  canManage: boolean;
  /** A person's brands (they act in one at a time and may switch); empty for the operator and tokens. */
  brands: Membership[];
};

/** Read once per request for the principal the page's session gave (the layout and the page both ask). */
export const identityOf = cache(async (p: Principal): Promise<Identity> => {
  const rights = { canWrite: can(p, "manager"), canManage: can(p, "owner") };
  if (p.kind === "operator") return { name: "Platform operator", role: "operator", ...rights, brands: [] };
  const [brand, member, brands] = await Promise.all([
    getBrand({ id: p.brandId }),
    p.kind === "member" ? getMemberItem({ id: p.memberId }) : undefined,
    p.kind === "member" ? membershipsOf(p.accountId) : [],
  ]);
  return { name: member?.name ?? "API token", role: p.role, brand, ...rights, brands };
});

async function membershipsOf(accountId: string): Promise<Membership[]> {
  const members = await listMemberships({ accountId });
  const brands = await Promise.all(members.map((m) => getBrand({ id: m.brandId })));
  return members.map((m, i) => ({
    memberId: m.id,
    brandId: m.brandId,
    brandName: brands[i]?.name ?? m.brandId,
    role: m.role,
  }));
}

export const roleLabel: Record<Identity["role"], string> = {
  operator: "operator",
  owner: "owner",
  manager: "manager",
  viewer: "viewer",
};
