"use client";

import { useEffect } from "react";
import type { DropStatus } from "@/lib/schemas/drop";

/**
 * "Shopper 3f9a2c · Aurora Runner · 2 left": a judge racing five tabs can tell them apart. A tab
 * whose shopper holds a unit says "yours", never "sold out" about it.
 */
export function tabTitle({
  shopperId,
  name,
  remaining,
  status,
  owned = 0,
}: {
  shopperId?: string;
  name: string;
  remaining: number;
  status: DropStatus;
  owned?: number;
}): string {
  const stock =
    owned > 0 && (status === "sold_out" || status === "live")
      ? remaining > 0
        ? `yours · ${remaining} left`
        : "yours"
      : status === "sold_out"
        ? "sold out"
        : status === "ended"
          ? "ended"
          : `${remaining} left`;
  return [shopperId && `Shopper ${shopperId.slice(0, 6)}`, name, stock].filter(Boolean).join(" · ");
}

export function useTabTitle(input: Parameters<typeof tabTitle>[0]): void {
  const title = tabTitle(input);
  useEffect(() => {
    const apply = () => {
      if (document.title !== title) document.title = title;
    };
    apply();
    // Next streams the page's own <title> (its metadata) in after hydration: keep this one on top.
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [title]);
}
