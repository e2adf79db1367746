import type { ApiError } from "@/lib/hooks/fetcher";

/** zod issues, or a 400's `details` (`[{ path, message }]`), as the first message per top-level field. */
export function fieldErrors(issues: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!Array.isArray(issues)) return errors;
  for (const issue of issues as { path?: unknown; message?: unknown }[]) {
    const path = Array.isArray(issue.path) ? issue.path.join(".") : String(issue.path ?? "");
    const field = path.split(".")[0] || "form";
    if (typeof issue.message === "string") errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * `useAction`'s `describe` for a form whose `fields` show their own errors: a refusal that names
 * one of them is said at that field alone, not again (as "The request is not valid.") under the
 * button. Any other refusal keeps its words there.
 */
export const unlessAtField =
  (fields: readonly string[]) =>
  (error: ApiError): string =>
    Object.keys(fieldErrors(error.details)).some((f) => fields.includes(f)) ? "" : error.message;
