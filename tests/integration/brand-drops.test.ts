// The admin brand page's list of the brand's drops: a bounded page of its own index (drafts and
// unlisted included, another brand's never), newest first, with a cursor that accepts only itself.
import { expect, it } from "vitest";
import { BRAND_DROPS_PAGE, isBrandDropsCursor, pageBrandDrops } from "@/lib/drop/brand-drops";
import { newBrand } from "./brand-helpers";
import { createDrop, ownTable } from "./helpers";

ownTable("droprush-test-brand-drops");

it("pages a brand's drops, newest first, drafts and unlisted ones too, never another brand's", async () => {
  const [a, b] = [await newBrand("Alpha"), await newBrand("Beta")];
  const made = [];
  for (const input of [{}, { draft: true }, { listed: false }, {}, {}]) {
    made.push(await createDrop({ ...input, brandId: a.id, name: `Alpha ${made.length}` }));
  }
  await createDrop({ brandId: b.id, name: "Beta's" });
  const newestFirst = made.map((d) => d.id).reverse(); // each create is several writes: no two share a ms

  const seen: string[] = [];
  let before: string | undefined;
  let pages = 0;
  do {
    const page = await pageBrandDrops({ brandId: a.id, before, limit: 2 });
    expect(page.drops.length).toBeLessThanOrEqual(2);
    for (const d of page.drops) expect(d.brandId).toBe(a.id);
    seen.push(...page.drops.map((d) => d.id));
    before = page.nextCursor ?? undefined;
    if (before) expect(isBrandDropsCursor(before)).toBe(true);
    pages++;
  } while (before && pages < 10);
  expect(seen).toEqual(newestFirst);
  expect(pages).toBeGreaterThanOrEqual(3);

  const first = await pageBrandDrops({ brandId: a.id });
  expect(first.drops.map((d) => d.status)).toContain("draft");
  expect(first.drops.find((d) => !d.listed)).toBeDefined();
  expect(BRAND_DROPS_PAGE).toBeGreaterThanOrEqual(made.length);
  expect(first.nextCursor).toBeNull();
});

it("a cursor is a sort key of the list and nothing else", () => {
  expect(isBrandDropsCursor("2026-12-05T08:00:00.000Z#0123456789ab")).toBe(true);
  for (const bad of ["", "x", "2026-12-05T08:00:00.000Z", "2026-12-05#abc", "2026-12-05T08:00:00.000Z#a b"]) {
    expect(isBrandDropsCursor(bad)).toBe(false);
  }
});
