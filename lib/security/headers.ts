// Security headers (issue 12). The page CSP carries a fresh nonce per request (proxy.ts): Next.js
// reads it from the request's own CSP header and puts it on every script it renders, and
// 'strict-dynamic' lets those scripts load the app's chunks. No inline script runs without it.
// Inline style attributes stay allowed (React renders a few, e.g. a stock bar's width): styles
// cannot run code. Pure, so the proxy, next.config and the tests share one definition.

/**
 * What Stripe.js needs, as docs.stripe.com/security/guide#content-security-policy lists it for
 * Stripe.js: its script, its frames (the Payment Element's fields; 3D Secure pages through
 * hooks.stripe.com) and its API. Left out: the guide's Google Maps origins, which serve the Address
 * Element's autocomplete (not mounted here), and its Checkout and Connect origins (not used).
 * Under 'strict-dynamic' a browser that knows it ignores the script hosts: Stripe.js runs because the
 * app's nonced code adds it; the hosts are for browsers without 'strict-dynamic'.
 */
export const stripeSources = {
  script: ["https://js.stripe.com", "https://*.js.stripe.com"],
  frame: ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
  connect: ["https://api.stripe.com"],
};

/** The Content-Security-Policy of an HTML page rendered with `nonce`; `stripe` adds Stripe.js's origins. */
export function pagePolicy({
  nonce,
  dev = false,
  https = false,
  stripe = false,
}: {
  nonce: string;
  dev?: boolean;
  https?: boolean;
  stripe?: boolean;
}) {
  const withStripe = (directive: string, sources: string[]) =>
    stripe ? [directive, ...sources].join(" ") : directive;
  return [
    "default-src 'self'",
    // React's dev build evaluates code for its error overlays; never in production.
    withStripe(
      `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
      stripeSources.script,
    ),
    "style-src 'self' 'unsafe-inline'",
    // A drop's image may be any https:// URL (lib/schemas/drop.ts).
    "img-src 'self' https: data: blob:",
    "font-src 'self'",
    withStripe("connect-src 'self'", stripeSources.connect),
    // Without Stripe, frames fall back to default-src 'self'.
    ...(stripe ? [withStripe("frame-src 'self'", stripeSources.frame)] : []),
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
