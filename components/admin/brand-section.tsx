import Link from "next/link";
import type { Brand } from "@/lib/schemas/brand";

/** A page under one brand (its members, its tokens): the way back to it, the heading, then the page. */
export function BrandSection({
  brand,
  title,
  blurb,
  children,
}: {
  brand: Pick<Brand, "id" | "name">;
  title: string;
  blurb: string;
  children: React.ReactNode;
}) {
  return (
    <section className="space-y-5">
      <div>
        <p className="text-sm">
          <Link href={`/admin/brands/${brand.id}`} className="text-zinc-500 hover:underline">
            ← {brand.name}
          </Link>
        </p>
        <h1 className="text-3xl font-black tracking-tight">
          {brand.name}: {title}
        </h1>
        <p className="text-sm text-zinc-600">{blurb}</p>
      </div>
      {children}
    </section>
  );
}
