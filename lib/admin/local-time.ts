// The admin types times in their own time zone (a datetime-local input); the API stores UTC.
// Pure functions of the browser's zone, used by client components only.

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** ISO instant → "YYYY-MM-DDTHH:mm:ss" in this browser's zone, for a datetime-local input. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A datetime-local value (local wall time) → ISO instant in UTC, or undefined when incomplete. */
export function fromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return undefined;
  const d = new Date(value); // no offset in the string: parsed as local time
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** "Europe/Berlin (GMT+1)": the zone the admin's times are shown and typed in. */
export function zoneLabel(at = new Date()): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset = new Intl.DateTimeFormat("en-US", { timeZoneName: "shortOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  return offset ? `${zone} (${offset})` : zone;
}
