"use client";

import { createContext, useContext } from "react";

/** How this deployment takes payment (PAYMENTS), and Stripe's publishable key when it is Stripe's. */
export type PaymentsConfig = { mode: "off" | "local" | "stripe"; publishableKey?: string };

const Config = createContext<PaymentsConfig>({ mode: "off" });

/** Set once by the root layout from the server's environment, read by every checkout. */
export function PaymentsConfigProvider({
  value,
  children,
}: {
  value: PaymentsConfig;
  children: React.ReactNode;
}) {
  return <Config value={value}>{children}</Config>;
}

export const usePaymentsConfig = () => useContext(Config);
