import Link from "next/link";
import { BrandSwitcher } from "@/components/admin/brand-switcher";
import { SignOutButton } from "@/components/admin/sign-out-button";
import { adminPagePrincipal } from "@/lib/admin/pages";
import { identityOf, roleLabel } from "@/lib/admin/identity";

// Navigation only: each page checks the session itself (a layout does not re-run on navigation).
// The links follow the role; the pages and the API refuse what they hide anyway.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const principal = await adminPagePrincipal();
  const who = principal && (await identityOf(principal));
  const brandId = who?.brand?.id;
  return (
    <div className="space-y-6">
      <nav
        aria-label="Admin"
        className="flex flex-wrap items-center justify-between gap-3 whitespace-nowrap rounded-xl bg-zinc-900 px-4 py-2.5 text-sm text-white"
      >
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 sm:gap-x-5">
          {/* The room's name is for wide screens: on a phone the nav keeps to few rows. */}
          <span className="hidden font-bold sm:inline">Brand admin</span>
          <Link href="/admin" className="hover:underline">
            Drops
          </Link>
          {(!who || who.canWrite) && (
            <>
              <Link href="/admin/drops/new" className="hover:underline">
                New drop
              </Link>
              <Link href="/admin/race" className="hover:underline">
                Race arena
              </Link>
            </>
          )}
          {who?.role === "operator" && (
            <Link href="/admin/brands" className="hover:underline">
              Brands
            </Link>
          )}
          {brandId && who.canManage && (
            <>
              <Link href={`/admin/brands/${brandId}/members`} className="hover:underline">
                Members
              </Link>
              <Link href={`/admin/brands/${brandId}/tokens`} className="hover:underline">
                API tokens
              </Link>
            </>
          )}
        </div>
        <div className="flex items-center gap-3 [&_button]:border-zinc-600 [&_button]:text-white [&_button:hover]:bg-zinc-800">
          {who && brandId && who.brands.length > 1 ? (
            <BrandSwitcher current={brandId} brands={who.brands} />
          ) : (
            who && (
              <span data-testid="nav-who" className="text-zinc-300">
                {who.brand ? `${who.brand.name} · ` : ""}
                {roleLabel[who.role]}
              </span>
            )
          )}
          <SignOutButton />
        </div>
      </nav>
      {children}
    </div>
  );
}
