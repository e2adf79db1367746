import type { ErrorBody, ErrorCode } from "@/lib/errors";

/** An API error body, turned back into a typed error on the client. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "NETWORK",
    message: string,
    /** Field problems of a 400, as `[{ path, message }]`. */
    readonly details?: unknown,
    /** How long the server asked us to wait before asking again (its Retry-After), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Retry-After as ms: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  // An HTTP date ends in GMT; Date.parse alone would read "1.5" as a day in 2001.
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : /GMT$/.test(value) ? Date.parse(value) - now : NaN;
  return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
}

/** The one fetch wrapper: JSON in, JSON out, error bodies become ApiError. */
export async function api<T>(url: string, init?: RequestInit & { token?: string }): Promise<T> {
  const headers = new Headers(init?.headers);
  if (init?.token) headers.set("Authorization", `Bearer ${init.token}`);
  if (init?.body) headers.set("Content-Type", "application/json");
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers, cache: "no-store" });
  } catch {
    throw new ApiError(0, "NETWORK", "We could not reach DropRush. Check your connection and try again.");
  }
  const body = (await res.json().catch(() => undefined)) as (T & Partial<ErrorBody>) | undefined;
  if (!res.ok) {
    const error = body?.error;
    throw new ApiError(
      res.status,
      error?.code ?? "INTERNAL",
      error?.message ?? "Something went wrong. Please try again.",
      error?.details,
      retryAfterMs(res.headers.get("Retry-After")),
    );
  }
  return body as T;
}

export const fetcher = <T>(url: string) => api<T>(url);
