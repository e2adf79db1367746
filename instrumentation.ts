// Runs once when a server starts: a misconfigured production app refuses to start instead of
// failing on its first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("@/lib/env");
    env();
  }
}
