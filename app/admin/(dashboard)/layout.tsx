import Link from "next/link";
import { SignOutButton } from "@/components/admin/sign-out-button";

// Navigation only: each page checks the session itself (a layout does not re-run on navigation).
export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-6">
      <nav
        aria-label="Admin"
        className="flex flex-wrap items-center justify-between gap-3 whitespace-nowrap rounded-xl bg-zinc-900 px-4 py-2.5 text-sm text-white"
      >
        <div className="flex items-center gap-4 sm:gap-5">
          {/* The room's name is for wide screens: on a phone the nav keeps to one row. */}
          <span className="hidden font-bold sm:inline">Brand admin</span>
          <Link href="/admin" className="hover:underline">
            Drops
          </Link>
          <Link href="/admin/drops/new" className="hover:underline">
            New drop
          </Link>
          <Link href="/admin/race" className="hover:underline">
            Race arena
          </Link>
        </div>
        <div className="[&_button]:border-zinc-600 [&_button]:text-white [&_button:hover]:bg-zinc-800">
          <SignOutButton />
        </div>
      </nav>
      {children}
    </div>
  );
}
