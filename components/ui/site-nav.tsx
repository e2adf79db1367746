"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const links = [
  { href: "/", label: "Drops", current: (path: string) => path === "/" || path.startsWith("/drops/") },
  { href: "/orders", label: "My orders", current: (path: string) => path.startsWith("/orders") },
];

/** The shopper's two places, the current one marked for screen readers and by weight. */
export function SiteNav() {
  const path = usePathname();
  return (
    <ul className="flex items-center gap-1 text-sm">
      {links.map(({ href, label, current }) => {
        const here = current(path);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={here ? "page" : undefined}
              className={`rounded-md px-2.5 py-2 hover:bg-zinc-100 ${here ? "font-bold text-zinc-900" : "text-zinc-600"}`}
            >
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
