// Each API route file answers every method: its own, and the rest with a 405 in the API's JSON
// error shape (Next.js alone answers them with an empty 405). A route file ends with
//   export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET", "POST");
// naming the methods it has; tests/unit/api-routes.test.ts checks every file does, truthfully.
// In the route files and not in proxy.ts: a proxy on /api would run on every claim and poll.
import { AppError, toResponse } from "@/lib/errors";

/** The methods a route file may export (HEAD follows GET; OPTIONS comes from `notAllowed`). */
export const routeMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof routeMethods)[number];

/** Marks the handlers `notAllowed` makes, so a test can tell them from a route's own. */
export const NOT_ALLOWED = Symbol("not allowed");

/** `Allow` as Next.js's own OPTIONS answer spells it: sorted, HEAD with GET, OPTIONS always. */
export function allowHeader(methods: readonly RouteMethod[]): string {
  const all: string[] = [...methods, "OPTIONS"];
  if (methods.includes("GET")) all.push("HEAD");
  return all.sort().join(", ");
}

type Handler = ((request: Request) => Response) & { [NOT_ALLOWED]?: true };

/** The methods a route does not have (405 with `Allow`), and OPTIONS (204 with `Allow`). */
export function notAllowed<const A extends readonly RouteMethod[]>(
  ...allowed: A
): Record<Exclude<RouteMethod, A[number]> | "OPTIONS", Handler> {
  const allow = allowHeader(allowed);
  const refuse: Handler = (request) =>
    toResponse(
      new AppError(
        "METHOD_NOT_ALLOWED",
        `${request.method} is not allowed here. Allowed: ${allow}.`,
        undefined,
        {
          Allow: allow,
        },
      ),
    );
  refuse[NOT_ALLOWED] = true;
  const handlers: Record<string, Handler> = {
    OPTIONS: () => new Response(null, { status: 204, headers: { Allow: allow } }),
  };
  for (const method of routeMethods) if (!allowed.includes(method)) handlers[method] = refuse;
  return handlers as Record<Exclude<RouteMethod, A[number]> | "OPTIONS", Handler>;
}

/** False when a path's percent-encoding is malformed (`/api/drops/%E0%A4%A`), which Next.js answers with a 500. */
export function wellEncoded(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
