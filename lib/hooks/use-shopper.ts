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
let pending: Promise<Shopper> | undefined;

function loadShopper(): Promise<Shopper> {
  const saved = sessionStorage.getItem(STORAGE_KEY);
  const parsed = saved ? shopperSchema.safeParse(JSON.parse(saved)) : undefined;
  const left = parsed?.success ? Date.parse(parsed.data.expiresAt) - Date.now() : 0;
  if (parsed?.success && left > RENEW_BEFORE_MS) return Promise.resolve(parsed.data);
  const renewable = parsed?.success && left > 60_000 ? parsed.data : undefined;
  pending ??= (renewable ? refreshShopper(renewable.token).catch(() => mintShopper()) : mintShopper()).then(
    (shopper) => {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(shopper));
      return shopper;
    },
  );
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
          setState((s) => (s.shopper?.token === shopper.token ? s : { shopper }));
          // Renewed before it runs out, on this tab's clock.
          const due = Date.parse(shopper.expiresAt) - RENEW_BEFORE_MS - Date.now();
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
