import { NextResponse, type NextRequest } from "next/server";
import { pagePolicy } from "@/lib/security/headers";

// Every page gets its own nonce: it goes into the request's CSP header (Next.js puts it on the
// scripts it renders) and the response's. API routes, static files and prefetches are left out:
// next.config.ts gives them their headers.
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
  matcher: [
    {
      source: "/((?!api|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
