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
