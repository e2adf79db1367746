import "server-only";
import { pageActivity } from "@/lib/brand/activity";
import { listApiTokens } from "@/lib/brand/api-tokens";
import { listMembers } from "@/lib/brand/members";
import { ACTIVITY_PAGE_SIZE } from "@/lib/schemas/brand";
import type { ActivityNames } from "@/components/admin/activity-log";

/**
 * The first page of a brand's (or a drop's) activity, with the names its events refer to by id:
 * members and API tokens (removed ones stay ids), and the drops the caller passes.
 */
export async function loadActivity(brandId: string, drops: { id: string; name: string }[], dropId?: string) {
  const [initial, members, tokens] = await Promise.all([
    pageActivity({ brandId, dropId, limit: ACTIVITY_PAGE_SIZE }),
    listMembers({ brandId }),
    listApiTokens({ brandId }),
  ]);
  const names: ActivityNames = {
    actors: Object.fromEntries([
      ...members.map((m) => [m.id, `${m.name} (${m.email})`]),
      ...tokens.map((t) => [t.id, `token “${t.name}”`]),
    ]),
    drops: Object.fromEntries(drops.map((d) => [d.id, d.name])),
  };
  return { initial, names };
}
