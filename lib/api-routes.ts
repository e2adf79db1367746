// The API's routes and the methods each answers, for the proxy (proxy.ts): Next.js answers a method a
// route file does not export with an empty 405, so the proxy answers it first, as JSON with `Allow`.
// Kept in step with app/api/**/route.ts by tests/unit/api-routes.test.ts (it imports every route
// file) and tests/e2e/api-errors.spec.ts (it asks the built app's own OPTIONS answer).
// Pure: the proxy and the tests import it.

/** The methods a route file may export (Next.js answers HEAD from GET, and OPTIONS, by itself). */
export const routeMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof routeMethods)[number];

/** Each route's path as its folders under app/ name it, and the methods its route.ts exports. */
export const apiRoutes: Record<string, readonly RouteMethod[]> = {
  "/api/admin/brands": ["GET", "POST"],
  "/api/admin/brands/[brandId]/activity": ["GET"],
  "/api/admin/brands/[brandId]/api-tokens": ["GET", "POST"],
  "/api/admin/brands/[brandId]/api-tokens/[id]": ["DELETE"],
  "/api/admin/brands/[brandId]/invites": ["GET", "POST"],
  "/api/admin/brands/[brandId]/invites/[inviteId]": ["DELETE"],
  "/api/admin/brands/[brandId]/members": ["GET"],
  "/api/admin/brands/[brandId]/members/[memberId]": ["DELETE"],
  "/api/admin/drops": ["GET", "POST"],
  "/api/admin/drops/[id]": ["GET", "PATCH", "DELETE"],
  "/api/admin/drops/[id]/audit": ["POST"],
  "/api/admin/drops/[id]/claims": ["GET"],
  "/api/admin/drops/[id]/end": ["POST"],
  "/api/admin/drops/[id]/metrics": ["GET"],
  "/api/admin/drops/[id]/pause": ["POST"],
  "/api/admin/drops/[id]/publish": ["POST"],
  "/api/admin/drops/[id]/restock": ["POST"],
  "/api/admin/drops/[id]/resume": ["POST"],
  "/api/admin/session": ["POST", "DELETE"],
  "/api/admin/session/brand": ["POST"],
  "/api/brands/[slug]": ["GET"],
  "/api/claims/[claimId]": ["GET"],
  "/api/claims/[claimId]/confirm": ["POST"],
  "/api/claims/[claimId]/release": ["POST"],
  "/api/cron/release-expired": ["GET", "POST"],
  "/api/drops": ["GET"],
  "/api/drops/[id]": ["GET"],
  "/api/drops/[id]/challenge": ["GET"],
  "/api/drops/[id]/claims": ["POST"],
  "/api/drops/[id]/claims/me": ["GET"],
  "/api/drops/[id]/stock": ["GET"],
  "/api/health": ["GET"],
  "/api/invites/[token]/accept": ["POST"],
  "/api/shoppers": ["POST"],
  "/api/shoppers/me/claims": ["GET"],
  "/api/shoppers/refresh": ["POST"],
};

const dynamic = (segment: string) => segment.startsWith("[");

/**
 * The route a request path reaches, as Next.js picks it: a static segment before a dynamic one.
 * Undefined for a path no route file answers (app/api/[...path]/route.ts answers it: 404).
 */
export function routeOf(pathname: string): string | undefined {
  const parts = pathname.split("/");
  let best: { route: string; score: string } | undefined;
  for (const route of Object.keys(apiRoutes)) {
    const segments = route.split("/");
    if (segments.length !== parts.length) continue;
    if (!segments.every((s, i) => (dynamic(s) ? parts[i] !== "" : s === parts[i]))) continue;
    // "1" per static segment, "0" per dynamic one: the greatest string is the most specific route.
    const score = segments.map((s) => (dynamic(s) ? "0" : "1")).join("");
    if (!best || score > best.score) best = { route, score };
  }
  return best?.route;
}

/** The `Allow` header of a route, as Next.js's own OPTIONS answer spells it: sorted, HEAD with GET. */
export function allowHeader(route: string): string {
  const methods: string[] = [...(apiRoutes[route] ?? []), "OPTIONS"];
  if (methods.includes("GET")) methods.push("HEAD");
  return methods.sort().join(", ");
}

/** Whether a route answers a method itself (OPTIONS always; HEAD where GET is). */
export function answers(route: string, method: string): boolean {
  const methods: readonly string[] = apiRoutes[route] ?? [];
  return method === "OPTIONS" || methods.includes(method) || (method === "HEAD" && methods.includes("GET"));
}

/** False when a path's percent-encoding is malformed (`/api/drops/%E0%A4%A`), which Next.js answers as HTML. */
export function wellEncoded(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
