"use client";

import { useEffect, useState } from "react";
import { mintShopper } from "@/lib/hooks/actions";
import { shopperSchema, type Shopper } from "@/lib/schemas/claim";

// One guest shopper per browser tab: sessionStorage is per tab, so judges can race tabs.
const STORAGE_KEY = "droprush.shopper";
// A token that runs out within this is replaced before use (a hold outlives no token by surprise).
const FRESH_FOR_MS = 60 * 60 * 1000;
let pending: Promise<Shopper> | undefined;

function loadShopper(): Promise<Shopper> {
  const saved = sessionStorage.getItem(STORAGE_KEY);
  // A token of an older format (no expiry) fails the schema and is replaced, as is a stale one.
  const parsed = saved ? shopperSchema.safeParse(JSON.parse(saved)) : undefined;
  if (parsed?.success && Date.parse(parsed.data.expiresAt) - Date.now() > FRESH_FOR_MS)
    return Promise.resolve(parsed.data);
  pending ??= mintShopper().then((shopper) => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(shopper));
    return shopper;
  });
  pending.catch(() => (pending = undefined));
  return pending;
}

/** This tab's guest shopper, minted on first use so the claim itself is a single request. */
export function useShopper(): { shopper?: Shopper; error?: Error } {
  const [state, setState] = useState<{ shopper?: Shopper; error?: Error }>({});
  useEffect(() => {
    let live = true;
    loadShopper().then(
      (shopper) => live && setState({ shopper }),
      (error: Error) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
