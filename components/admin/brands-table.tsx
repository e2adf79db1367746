import Link from "next/link";
import type { Brand } from "@/lib/schemas/brand";

/** Every brand (the operator's view), with the way to its members, tokens, activity and storefront. */
export function BrandsTable({ brands }: { brands: Brand[] }) {
  return (
    // relative: the sr-only labels inside are clipped by this box, not the page (no sideways scroll).
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Brands, oldest first</caption>
        <thead className="text-xs uppercase tracking-wide text-zinc-500">
          <tr>
            <th scope="col" className="py-2 pr-3">
              Brand
            </th>
            <th scope="col" className="py-2 pr-3">
              Slug
            </th>
            <th scope="col" className="py-2 pr-3">
              Manage
            </th>
          </tr>
        </thead>
        <tbody>
          {brands.map((b) => (
            <tr key={b.id} data-testid={`brand-row-${b.slug}`} className="border-t border-zinc-100">
              <th scope="row" className="py-2 pr-3 font-semibold">
                <Link href={`/admin/brands/${b.id}`} className="hover:underline">
                  {b.name}
                </Link>
              </th>
              <td className="py-2 pr-3 font-mono text-xs">
                <Link href={`/brands/${b.slug}`} className="hover:underline">
                  {b.slug}
                </Link>
              </td>
              <td className="space-x-3 py-2 pr-3 whitespace-nowrap">
                <Link href={`/admin/brands/${b.id}/members`} className="text-brand hover:underline">
                  Members<span className="sr-only"> of {b.name}</span>
                </Link>
                <Link href={`/admin/brands/${b.id}/tokens`} className="text-brand hover:underline">
                  API tokens<span className="sr-only"> of {b.name}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
