import type { Amount } from "@/lib/schemas/claim";
import type { DropStatus } from "@/lib/schemas/drop";

/** How many minor units a currency's major unit has, as a power of ten: USD 2 (cents), JPY 0. */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
    2
  );
}

/** A price stored in the currency's minor unit: USD 1999 is $19.99, JPY 1999 is ¥1,999. */
export function formatPrice(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(minor / 10 ** digits);
}

/** Amounts in several currencies as one sum: "$25.00 + €10.00"; none is `formatPrice(0, fallback)`. */
export function formatAmounts(amounts: Amount[], fallback = "USD"): string {
  if (amounts.length === 0) return formatPrice(0, fallback);
  return amounts.map((a) => formatPrice(a.minor, a.currency)).join(" + ");
}

/** A count with thousands separators, the same in every browser: 100000 is "100,000". */
export const formatCount = (n: number): string => new Intl.NumberFormat("en-US").format(n);

/** "2d 03:04:05", "04:05" — for countdowns. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = h > 0 || days > 0 ? `${pad(h)}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** "10 s", "1 min 30 s", "10 min", "1 h 5 min" — a length of time in words, e.g. a hold's. */
export function formatSeconds(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const parts: [number, string][] = [
    [Math.floor(total / 3600), "h"],
    [Math.floor((total % 3600) / 60), "min"],
    [total % 60, "s"],
  ];
  return (
    parts
      .filter(([n]) => n > 0)
      .map(([n, unit]) => `${n} ${unit}`)
      .join(" ") || "0 s"
  );
}

export const statusLabel: Record<DropStatus, string> = {
  draft: "Draft",
  scheduled: "Coming soon",
  live: "Live",
  paused: "Paused",
  sold_out: "Sold out",
  ended: "Ended",
};

/** How long something took (a drop's sell-out): "850 ms", "12.4 s", "3 min 05 s", "2 h 04 min". */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(Math.floor(s % 60)).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}

/**
 * The one date-time format of the app: "Mar 4, 2026, 06:00 PM GMT+1" in the viewer's zone (or in UTC
 * with `utc`, as a server renders it before the browser takes over), always with the zone.
 */
export function formatInstant(iso: string, { utc = false, seconds = false } = {}): string {
  return new Intl.DateTimeFormat("en-US", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds ? { second: "2-digit" } : {}),
    timeZoneName: "short",
    ...(utc ? { timeZone: "UTC" } : {}),
  }).format(new Date(iso));
}

/**
 * How far away an instant is, in words: "in 45 s", "in 4 min", "in 1 h 30 min", "in 2 h", "in 3 days",
 * "2 h ago", "now" (`ms` is the instant minus now). Units are floored, as a countdown's are, so
 * "in 4 min" never shows once less than 4 minutes are left.
 */
export function formatRelative(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  if (total < 1) return "now";
  const days = Math.floor(total / 86_400);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const span =
    days >= 1
      ? `${days} day${days === 1 ? "" : "s"}`
      : h >= 2
        ? `${h} h`
        : h === 1
          ? `1 h${m > 0 ? ` ${m} min` : ""}`
          : total >= 60
            ? `${Math.floor(total / 60)} min`
            : `${total} s`;
  return ms > 0 ? `in ${span}` : `${span} ago`;
}
