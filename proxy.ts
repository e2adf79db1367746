import { NextResponse, type NextRequest } from "next/server";
import { pagePolicy } from "@/lib/security/headers";

// Every page gets its own nonce: it goes into the request's CSP header (Next.js puts it on the
// scripts it renders) and the response's. Every request that can answer HTML comes here:
// prefetches too (a `Purpose: prefetch` or `Next-Router-Prefetch` request may get the whole page),
// 404s, error pages and RSC payloads (the header costs nothing where it is not HTML). Left out: the
// API (next.config.ts gives it its own policy, HTML 404s included) and the build's static files
// and images, which are never HTML. Each exclusion names a whole path segment, so a page path that
// merely starts with "api" (/apiary) is not left out.
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const policy = pagePolicy({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: request.nextUrl.protocol === "https:",
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: ["/((?!api(?:/|$)|_next/static/|_next/image(?:/|$)).*)"],
};
