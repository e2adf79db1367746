import { NextResponse, type NextRequest } from "next/server";
import { wellEncoded } from "@/lib/api-routes";
import { env } from "@/lib/env";
import { AppError, toResponse } from "@/lib/errors";
import { pagePolicy } from "@/lib/security/headers";

// Every page gets its own nonce: it goes into the request's CSP header (Next.js puts it on the
// scripts it renders) and the response's. Every request that can answer HTML comes here:
// prefetches too (a `Purpose: prefetch` or `Next-Router-Prefetch` request may get the whole page),
// 404s, error pages and RSC payloads (the header costs nothing where it is not HTML). Left out: the
// build's static files and images, which are never HTML, and the API (next.config.ts gives it its
// own policy; its wrong methods are answered by each route file, lib/api-routes.ts) but for a path
// with a "%" in it, which may be malformed. Each exclusion names a whole path segment, so a page
// path that merely starts with "api" (/apiary) is not left out.
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // Next.js fails on a malformed percent-encoding in a dynamic segment (a 500): answer first.
  if (!wellEncoded(pathname))
    return isApi(pathname) ? toResponse(new AppError("INVALID_REQUEST", badPath)) : badPage(request);
  if (isApi(pathname)) return NextResponse.next();
  const { nonce, policy } = policyOf(request);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

const isApi = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

function policyOf(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const policy = pagePolicy({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: request.nextUrl.protocol === "https:",
    // Stripe's script and frames only where payments go through Stripe (the card step).
    stripe: env().PAYMENTS === "stripe",
  });
  return { nonce, policy };
}

const badPath = "The path is not valid percent-encoding.";

/** A page address that cannot be decoded: a plain page (no script) with the way back to the feed. */
function badPage(request: NextRequest) {
  const html =
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>Bad request · DropRush</title>' +
    '<h1>This address is not valid</h1><p><a href="/">Back to the drops</a></p></html>';
  return new Response(html, {
    status: 400,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": policyOf(request).policy,
    },
  });
}

export const config = {
  matcher: ["/((?!api(?:/|$)|_next/static/|_next/image(?:/|$)).*)", "/api/:path(.*%.*)"],
};
