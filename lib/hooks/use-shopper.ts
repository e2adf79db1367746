"use client";

import { useEffect, useState } from "react";
import { mintShopper, refreshShopper } from "@/lib/hooks/actions";
import { shopperSchema, type Shopper } from "@/lib/schemas/claim";

// One guest shopper per browser tab: sessionStorage is per tab, so judges can race tabs.
const STORAGE_KEY = "droprush.shopper";
// A token that runs out within this is renewed for the same shopper (its holds stay its own), at
// load or while the page stays open; tokens live at least 2 h (SHOPPER_TOKEN_HOURS). One that has
// run out (or is of an older format) is replaced by a new guest.
const RENEW_BEFORE_MS = 60 * 60 * 1000;
// One load in flight per mode: a reader's (no mint) failed refresh must not answer a claimer.
const pending = new Map<boolean, Promise<Shopper>>();

function loadShopper(mint: boolean): Promise<Shopper | undefined> {
  const saved = sessionStorage.getItem(STORAGE_KEY);
  const parsed = saved ? shopperSchema.safeParse(JSON.parse(saved)) : undefined;
  const left = parsed?.success ? Date.parse(parsed.data.expiresAt) - Date.now() : 0;
  if (parsed?.success && left > RENEW_BEFORE_MS) return Promise.resolve(parsed.data);
  const renewable = parsed?.success && left > 60_000 ? parsed.data : undefined;
  if (!renewable && !mint) return Promise.resolve(undefined);
  // A refresh that fails falls back to a new guest only where minting is wanted.
  const fresh = () => (mint ? mintShopper() : Promise.reject(new Error("This tab's shopper ran out.")));
  let load = pending.get(mint);
  if (!load) {
    load = (renewable ? refreshShopper(renewable.token).catch(fresh) : mintShopper()).then((shopper) => {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(shopper));
      return shopper;
    });
    pending.set(mint, load);
    load.catch(() => undefined).finally(() => pending.delete(mint));
  }
  return load;
}

/**
 * This tab's guest shopper, minted on first use so the claim itself is a single request. With
 * `mint: false` (a page that only reads what the tab has, e.g. My orders) none is minted: `loaded`
 * with no shopper means this tab has none (or only one that ran out).
 */
export function useShopper({ mint = true }: { mint?: boolean } = {}): {
  shopper?: Shopper;
  error?: Error;
  loaded: boolean;
} {
  const [state, setState] = useState<{ shopper?: Shopper; error?: Error; loaded: boolean }>({
    loaded: false,
  });
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      loadShopper(mint).then(
        (shopper) => {
          if (!live) return;
          setState((s) => (s.loaded && s.shopper?.token === shopper?.token ? s : { shopper, loaded: true }));
          if (!shopper) return;
          // Renewed before it runs out, on this tab's clock.
          const due = Date.parse(shopper.expiresAt) - RENEW_BEFORE_MS - Date.now();
          timer = setTimeout(load, Math.max(60_000, due));
        },
        (error: Error) => live && setState({ error, loaded: true }),
      );
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [mint]);
  return state;
}
