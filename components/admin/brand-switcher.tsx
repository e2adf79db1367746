"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { switchBrand } from "@/lib/hooks/actions";
import type { Membership } from "@/lib/schemas/brand";

/** For a person in several brands: which one the dashboard acts in. Switching keeps the session. */
export function BrandSwitcher({ current, brands }: { current: string; brands: Membership[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function choose(brandId: string) {
    setBusy(true);
    setFailed(false);
    try {
      await switchBrand(brandId);
      router.replace("/admin"); // a page of the old brand would be another brand's 404
      router.refresh();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <label className="flex items-center gap-2">
      <span className="sr-only">Brand</span>
      <select
        data-testid="brand-switcher"
        value={current}
        disabled={busy}
        onChange={(e) => void choose(e.target.value)}
        className="max-w-44 truncate rounded-lg border border-zinc-600 bg-zinc-900 px-2 py-1 text-sm text-white"
      >
        {brands.map((b) => (
          <option key={b.brandId} value={b.brandId}>
            {b.brandName} · {b.role}
          </option>
        ))}
      </select>
      {failed && (
        <span role="alert" className="text-xs text-rose-300">
          Could not switch
        </span>
      )}
    </label>
  );
}
