import "server-only";
import { can, type Principal } from "@/lib/brand/principal";
import { pageActivity } from "@/lib/brand/activity";
import { listApiTokens } from "@/lib/brand/api-tokens";
import { listMembers } from "@/lib/brand/members";
import { readDropNames } from "@/lib/drop/drop-reads";
import { ACTIVITY_PAGE_SIZE, type ActivityNames } from "@/lib/schemas/brand";

/**
 * The first page of a brand's (or a drop's) activity, with the names its events refer to by id
 * (removed members stay ids) and the drops the caller passes. Members' emails and tokens' names
 * only for an owner (or the operator), who may list them anyway; others see members by name. Drops
 * the page's events name that the caller did not pass are read by id (at most a page of them).
 */
export async function loadActivity(
  principal: Principal,
  brandId: string,
  drops: { id: string; name: string }[],
  dropId?: string,
) {
  const owner = can(principal, "owner");
  const [initial, members, tokens] = await Promise.all([
    pageActivity({ brandId, dropId, limit: ACTIVITY_PAGE_SIZE, principal }),
    listMembers({ brandId }),
    owner ? listApiTokens({ brandId }) : [],
  ]);
  const known = new Set(drops.map((d) => d.id));
  const missing = initial.events.flatMap((e) => (e.dropId && !known.has(e.dropId) ? [e.dropId] : []));
  const more = missing.length ? await readDropNames(missing) : new Map<string, string>();
  const names: ActivityNames = {
    actors: Object.fromEntries([
      ...members.map((m) => [m.id, owner ? `${m.name} (${m.email})` : m.name]),
      ...tokens.map((t) => [t.id, `token “${t.name}”`]),
    ]),
    drops: Object.fromEntries([...drops.map((d) => [d.id, d.name] as const), ...more]),
  };
  return { initial, names };
}
