import "server-only";
import { table } from "@/lib/db/client";
import { listQuery, lists, sortKeyIn } from "@/lib/db/lists";
import { toDrop, type DropInfo } from "@/lib/drop/drop-reads";
import { getDropStates } from "@/lib/stock/reads";
import type { Drop } from "@/lib/schemas/drop";

/** A brand page's share of its drops, newest first. */
export const BRAND_DROPS_PAGE = 20;

/** A `before` cursor is a sort key of this list, `<createdAt ISO>#<dropId>`, and nothing else. */
export const isBrandDropsCursor = (s: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z#[A-Za-z0-9_-]{1,64}$/.test(s);

/**
 * A page of one brand's drops (drafts too), newest first: one bounded query of gsi2
 * `BRANDDROPS#<brandId>` and one batch read of their states, however many drops the brand has.
 * `before` is the last page's `nextCursor` (check it with `isBrandDropsCursor` first). Drops from
 * before brands (no gsi2 key) are not in it: the house brand's dashboard lists them.
 */
export async function pageBrandDrops({
  brandId,
  before,
  limit = BRAND_DROPS_PAGE,
  now = Date.now(),
}: {
  brandId: string;
  before?: string;
  limit?: number;
  now?: number;
}): Promise<{ drops: Drop[]; nextCursor: string | null }> {
  const list = lists.brandDrops(brandId);
  const { Items = [], LastEvaluatedKey } = await table.query({
    ...listQuery(list, before ? { op: "<", sortKey: before } : undefined),
    ScanIndexForward: false,
    Limit: limit,
  });
  const infos = Items as DropInfo[];
  const states = await getDropStates(infos.map((d) => d.id));
  const drops = infos.flatMap((info) => {
    const state = states.get(info.id);
    return state ? [toDrop(info, state, now)] : [];
  });
  // A full page may be the last one: the next is then empty, and says so.
  return { drops, nextCursor: LastEvaluatedKey ? (sortKeyIn(list, Items.at(-1)) ?? null) : null };
}
