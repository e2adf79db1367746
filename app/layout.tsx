import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { PaymentsConfigProvider } from "@/components/payments/payments-config";
import { SiteNav } from "@/components/ui/site-nav";
import { env } from "@/lib/env";
import "./globals.css";

export const metadata: Metadata = {
  title: "DropRush — flash drops that never oversell",
  description: "Limited releases where every unit goes to exactly one shopper.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, so each carries its own CSP nonce (proxy.ts).
  await connection();
  const { PAYMENTS, STRIPE_PUBLISHABLE_KEY } = env();
  const payments = {
    mode: PAYMENTS,
    ...(STRIPE_PUBLISHABLE_KEY ? { publishableKey: STRIPE_PUBLISHABLE_KEY } : {}),
  };
  return (
    <html lang="en">
      <body className="min-h-screen bg-zinc-50 text-zinc-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header className="border-b border-zinc-200 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-5xl items-center gap-4 px-4 py-3">
            <Link href="/" className="text-lg font-black tracking-tight">
              Drop<span className="text-brand">Rush</span>
            </Link>
            {/* The tagline is for wide screens: on a phone the header keeps to one row. */}
            <span className="hidden text-sm text-zinc-500 md:inline">Every unit to exactly one shopper</span>
            <div className="ml-auto">
              <SiteNav />
            </div>
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-5xl px-4 py-8">
          <PaymentsConfigProvider value={payments}>{children}</PaymentsConfigProvider>
        </main>
      </body>
    </html>
  );
}
