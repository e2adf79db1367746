import "server-only";
import { randomBytes } from "node:crypto";
import { queryAll, table } from "@/lib/db/client";
import { writeIf } from "@/lib/db/conditional";
import { createdSortKey, inList, listQuery, lists } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import { AppError } from "@/lib/errors";
import { HOUSE_BRAND, type Brand } from "@/lib/schemas/brand";

// Brands: BRAND#<id> (listed on gsi1 "BRANDS") and BRANDSLUG#<slug>. The slug is taken first, by a
// conditional put, so a slug belongs to one brand (no transactions: dynalite has none, and one
// conditional write is enough). A crash between the two leaves a slug taken by no brand, which
// only refuses that slug. The house brand has a fixed id and is written on demand.

type BrandItem = Brand & { createdAt: string };

export async function createBrand({
  id = randomBytes(6).toString("hex"),
  name,
  slug,
  now = Date.now(),
}: {
  id?: string;
  name: string;
  slug: string;
  now?: number;
}): Promise<Brand> {
  const createdAt = new Date(now).toISOString();
  // The house brand's slug is held for it even before its items are written (on demand).
  if (slug === HOUSE_BRAND.slug && id !== HOUSE_BRAND.id) throw slugTaken(slug);
  const written = await writeIf(
    table.put({
      Item: { ...keys.brandSlug(slug), brandId: id },
      // One brand per slug; the same brand's resend (a lost answer) finds its own.
      ConditionExpression: "attribute_not_exists(pk) OR brandId = :id",
      ExpressionAttributeValues: { ":id": id },
    }),
  );
  if (!written.applied) throw slugTaken(slug);
  await table.put({
    Item: {
      ...keys.brand(id),
      id,
      name,
      slug,
      createdAt,
      ...inList(lists.brands(), createdSortKey(createdAt, id)),
    },
  });
  return { id, name, slug };
}

/** Writes the house brand (idempotent: the same items each time, its slug held by its own id). */
export async function ensureHouseBrand(): Promise<Brand> {
  return createBrand({ ...HOUSE_BRAND, now: Date.parse("2026-01-01T00:00:00Z") });
}

export async function getBrand({ id }: { id: string }): Promise<Brand | undefined> {
  const { Item } = await table.get({ Key: keys.brand(id) });
  if (Item) return toBrand(Item as BrandItem);
  return id === HOUSE_BRAND.id ? { ...HOUSE_BRAND } : undefined;
}

export async function getBrandBySlug({ slug }: { slug: string }): Promise<Brand | undefined> {
  const { Item } = await table.get({ Key: keys.brandSlug(slug) });
  if (Item) return getBrand({ id: Item.brandId as string });
  return slug === HOUSE_BRAND.slug ? { ...HOUSE_BRAND } : undefined;
}

/** Every brand, oldest first; the house brand is always among them. */
export async function listBrands(): Promise<Brand[]> {
  const items = (await queryAll({
    ...listQuery(lists.brands()),
  })) as BrandItem[];
  const brands = items.map(toBrand);
  return brands.some((b) => b.id === HOUSE_BRAND.id) ? brands : [{ ...HOUSE_BRAND }, ...brands];
}

/** 404 NOT_FOUND for a brand that does not exist. */
export async function requireBrandExists(id: string): Promise<Brand> {
  const brand = await getBrand({ id });
  if (!brand) throw new AppError("NOT_FOUND", "No such brand.");
  return brand;
}

const toBrand = (item: BrandItem): Brand => ({ id: item.id, name: item.name, slug: item.slug });

const slugTaken = (slug: string) =>
  new AppError("SLUG_TAKEN", `The slug "${slug}" belongs to another brand.`);
