"use client";

import { useEffect, useState } from "react";
import { mintShopper } from "@/lib/hooks/actions";
import { shopperSchema, type Shopper } from "@/lib/schemas/claim";

// One guest shopper per browser tab: sessionStorage is per tab, so judges can race tabs.
const STORAGE_KEY = "droprush.shopper";
// A token that runs out within this is replaced, at load or while the page stays open (tokens
// live at least 2 h: SHOPPER_TOKEN_HOURS). The new token is a new guest: the old one's holds end
// with it, and orders keep their private links.
const FRESH_FOR_MS = 60 * 60 * 1000;
let pending: Promise<Shopper> | undefined;

const isFresh = (s: Shopper) => Date.parse(s.expiresAt) - Date.now() > FRESH_FOR_MS;

function loadShopper(): Promise<Shopper> {
  const saved = sessionStorage.getItem(STORAGE_KEY);
  // A token of an older format (no expiry) fails the schema and is replaced, as is a stale one.
  const parsed = saved ? shopperSchema.safeParse(JSON.parse(saved)) : undefined;
  if (parsed?.success && isFresh(parsed.data)) return Promise.resolve(parsed.data);
  pending ??= mintShopper().then((shopper) => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(shopper));
    return shopper;
  });
  pending.catch(() => undefined).finally(() => (pending = undefined));
  return pending;
}

/** This tab's guest shopper, minted on first use so the claim itself is a single request. */
export function useShopper(): { shopper?: Shopper; error?: Error } {
  const [state, setState] = useState<{ shopper?: Shopper; error?: Error }>({});
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      loadShopper().then(
        (shopper) => {
          if (!live) return;
          setState({ shopper });
          // Replaced before it runs out, on this tab's clock.
          const due = Date.parse(shopper.expiresAt) - FRESH_FOR_MS - Date.now();
          timer = setTimeout(load, Math.max(60_000, due));
        },
        (error: Error) => live && setState({ error }),
      );
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);
  return state;
}
