"use client";

import { useEffect, useState } from "react";
import { mintShopper } from "@/lib/hooks/actions";
import { shopperSchema, type Shopper } from "@/lib/schemas/claim";

// One guest shopper per browser tab: sessionStorage is per tab, so judges can race tabs.
const STORAGE_KEY = "droprush.shopper";
let pending: Promise<Shopper> | undefined;

function loadShopper(): Promise<Shopper> {
  const saved = sessionStorage.getItem(STORAGE_KEY);
  const parsed = saved ? shopperSchema.safeParse(JSON.parse(saved)) : undefined;
  if (parsed?.success) return Promise.resolve(parsed.data);
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
