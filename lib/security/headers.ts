// Security headers (issue 12). The page CSP carries a fresh nonce per request (proxy.ts): Next.js
// reads it from the request's own CSP header and puts it on every script it renders, and
// 'strict-dynamic' lets those scripts load the app's chunks. No inline script runs without it.
// Inline style attributes stay allowed (React renders a few, e.g. a stock bar's width): styles
// cannot run code. Pure, so the proxy, next.config and the tests share one definition.

/** The Content-Security-Policy of an HTML page rendered with `nonce`. */
export function pagePolicy({
  nonce,
  dev = false,
  https = false,
}: {
  nonce: string;
  dev?: boolean;
  https?: boolean;
}) {
  return [
    "default-src 'self'",
    // React's dev build evaluates code for its error overlays; never in production.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // A drop's image may be any https:// URL (lib/schemas/drop.ts).
    "img-src 'self' https: data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only behind https: on http://127.0.0.1 it would send the page's requests to a port with no TLS.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** API answers are data, never a document: nothing may load or frame them. */
export const apiPolicy = "default-src 'none'; frame-ancestors 'none'";

/** On every response (next.config.ts). HSTS only in production, where the site is https. */
export function commonHeaders({ production }: { production: boolean }): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    ...(production
      ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
      : []),
  ];
}
