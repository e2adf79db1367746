import { fromLocalInput, toLocalInput } from "@/lib/admin/local-time";
import { formatPrice, minorDigits } from "@/lib/format";
import {
  createDropInput,
  drawWindowMessage,
  drawWindowTooLong,
  dropFields,
  endPassedMessage,
  hasPassed,
  type Drop,
  type DropMode,
} from "@/lib/schemas/drop";
import {
  catalogueFields,
  scheduleFields,
  updateDropInput,
  type UpdateDropInput,
} from "@/lib/schemas/drop-admin";

// The admin drop form as strings (what inputs hold), turned into the API's body and checked with
// the API's own zod schema, so the form and the server agree on every rule.

export type DropFormFields = {
  name: string;
  description: string;
  imageUrl: string;
  price: string;
  currency: string;
  totalStock: string;
  stockShards: string;
  maxPerShopper: string;
  holdSeconds: string;
  startsAt: string; // datetime-local, the admin's zone
  endsAt: string;
  listed: boolean; // a checkbox: shown in the public feed
  pow: boolean; // a checkbox: botDefence "pow" (ticked) or "off"
  mode: DropMode; // radios, on the create form only
};
/** The fields typed as text (every one but the checkboxes and the mode). */
export type TextFieldKey = Exclude<keyof DropFormFields, "listed" | "pow" | "mode">;
export type FieldErrors = Partial<Record<keyof DropFormFields | "form", string>>;

const HOUR = 3_600_000;

export function initialFields(drop?: Drop, now = Date.now()): DropFormFields {
  const start = Math.ceil((now + HOUR) / HOUR) * HOUR; // the next full hour after one from now
  return {
    name: drop?.name ?? "",
    description: drop?.description ?? "",
    imageUrl: drop?.imageUrl ?? "",
    price: drop ? priceInput(drop.priceCents, drop.currency) : "",
    currency: drop?.currency ?? "USD",
    totalStock: drop ? String(drop.totalStock) : "100",
    stockShards: drop ? String(drop.stockShards) : "1",
    maxPerShopper: drop ? String(drop.maxPerShopper) : "1",
    holdSeconds: drop ? String(drop.holdSeconds) : "600",
    startsAt: toLocalInput(drop?.startsAt ?? new Date(start).toISOString()),
    endsAt: toLocalInput(drop?.endsAt ?? new Date(start + 24 * HOUR).toISOString()),
    listed: drop?.listed ?? true,
    pow: (drop?.botDefence ?? "pow") === "pow",
    mode: drop?.mode ?? "first-come",
  };
}

/** The "Start now" button's value: the current minute, as a datetime-local value in this zone. */
export function startNowInput(now = Date.now()): string {
  return toLocalInput(new Date(Math.floor(now / 60_000) * 60_000).toISOString());
}

/**
 * Whether the typed start is already here (Start now, or a past minute): the drop goes live when it
 * is saved, and the button says so instead of "Schedule".
 */
export function startsNow(startsAt: string, now = Date.now()): boolean {
  const iso = fromLocalInput(startsAt);
  return iso !== undefined && Date.parse(iso) <= now;
}

/** The currency's digits after the point (JPY 0, USD 2, KWD 3); 2 while the code is not one yet. */
function digitsOf(currency: string): number {
  const code = currency.trim();
  if (!/^[A-Za-z]{3}$/.test(code)) return 2;
  try {
    return minorDigits(code);
  } catch {
    return 2; // a code Intl does not accept: the schema names the currency field
  }
}

/** A price in the currency's minor unit as the admin types it: JPY 1999 → "1999", USD 1999 → "19.99". */
export function priceInput(minor: number, currency: string): string {
  const d = digitsOf(currency);
  if (d === 0) return String(minor);
  const text = String(minor).padStart(d + 1, "0");
  return `${text.slice(0, -d)}.${text.slice(-d)}`;
}

/**
 * The typed price in the currency's minor unit, in whole numbers (no float rounding): "19.99" USD →
 * 1999, "1999" JPY → 1999, "1.234" KWD → 1234, "19.9" USD → 1990; undefined if it is not a price
 * with at most the currency's digits.
 */
export function parsePrice(text: string, currency: string): number | undefined {
  const d = digitsOf(currency);
  const match = (d === 0 ? /^(\d+)$/ : new RegExp(`^(\\d+)(?:\\.(\\d{1,${d}}))?$`)).exec(text.trim());
  if (!match) return undefined;
  return Number(`${match[1]}${(match[2] ?? "").padEnd(d, "0")}`);
}

/** What to type, in the admin's words: "Enter a price like 12.50", and the currency's own rule. */
export function priceMessage(currency: string): string {
  const d = digitsOf(currency);
  const code = currency.trim().toUpperCase();
  if (d === 0) return `Enter a whole price like 1250: ${code} has no decimals`;
  const example = `Enter a price like ${priceInput(1250 * 10 ** (d - 2), currency)}`;
  return d === 2 ? example : `${example}: ${code} has up to ${d} decimals`;
}

/** The price field's hint for this currency. */
export const priceHint = (currency: string) =>
  digitsOf(currency) === 0
    ? "In whole units of the currency, e.g. 1290"
    : `In the currency's main unit, e.g. ${priceInput(12900 * 10 ** (digitsOf(currency) - 2), currency)}`;

// The schema's ceiling, said in the currency rather than in minor units.
const MAX_PRICE = dropFields.priceCents.maxValue ?? Number.MAX_SAFE_INTEGER;

const whole = (v: string) => (/^\s*-?\d+\s*$/.test(v) ? Number(v) : Number.NaN);

/** The create body these fields describe, and every problem with it (local parsing + the schema). */
export function checkCreate(
  f: DropFormFields,
  draft: boolean,
): { input?: unknown; candidate: Record<string, unknown>; errors: FieldErrors } {
  const local: FieldErrors = {};
  const priceCents = parsePrice(f.price, f.currency);
  if (priceCents === undefined) local.price = priceMessage(f.currency);
  else if (priceCents > MAX_PRICE && /^[A-Z]{3}$/.test(f.currency.trim()))
    local.price = `At most ${formatPrice(MAX_PRICE, f.currency.trim())}`;
  // A draw gives one unit per winning entry from one stock item: its form hides shards and limit.
  const draw = f.mode === "draw";
  const typed = draw ? { ...f, stockShards: "1", maxPerShopper: "1" } : f;
  for (const k of ["totalStock", "stockShards", "maxPerShopper", "holdSeconds"] as const)
    if (Number.isNaN(whole(typed[k]))) local[k] = "Enter a whole number";
  const startsAt = fromLocalInput(f.startsAt);
  const endsAt = fromLocalInput(f.endsAt);
  if (!startsAt) local.startsAt = "Pick a date and time";
  if (!endsAt) local.endsAt = "Pick a date and time";
  // The schema's own rules, repeated: zod skips object-level refinements while a field fails to
  // parse; an end that has passed is named first, as the schema's field rule does.
  else if (hasPassed(endsAt)) local.endsAt = endPassedMessage;
  else if (startsAt && Date.parse(endsAt) <= Date.parse(startsAt))
    local.endsAt = "The end must be after the start";
  else if (draw && startsAt && drawWindowTooLong(Date.parse(startsAt), Date.parse(endsAt)))
    local.endsAt = drawWindowMessage;
  const candidate = {
    name: f.name,
    description: f.description,
    imageUrl: f.imageUrl.trim(),
    priceCents: priceCents ?? Number.NaN,
    currency: f.currency.trim(),
    totalStock: whole(f.totalStock),
    stockShards: whole(typed.stockShards),
    maxPerShopper: whole(typed.maxPerShopper),
    holdSeconds: whole(f.holdSeconds),
    startsAt: startsAt ?? f.startsAt,
    endsAt: endsAt ?? f.endsAt,
    draft,
    listed: f.listed,
    botDefence: f.pow ? ("pow" as const) : ("off" as const),
    mode: f.mode,
  };
  const parsed = createDropInput.safeParse(candidate);
  const errors = { ...schemaErrors(parsed.error?.issues), ...local };
  return { input: Object.keys(errors).length === 0 ? parsed.data : undefined, candidate, errors };
}

/**
 * The PATCH body for what changed: catalogue fields always, the window and rules only while
 * `scheduleEditable` (start and end are sent together, as the API requires).
 */
export function checkUpdate(
  f: DropFormFields,
  drop: Drop,
  scheduleEditable: boolean,
): { input?: UpdateDropInput; errors: FieldErrors } {
  // Stock and shards change by restocking, never by an edit (shards are fixed once created).
  const { candidate: next, errors } = checkCreate(
    { ...f, totalStock: String(drop.totalStock), stockShards: String(drop.stockShards) },
    false,
  );
  if (!scheduleEditable) for (const k of scheduleFields) delete errors[k]; // shown, not sent
  const windowChanged =
    Date.parse(String(next.startsAt)) !== Date.parse(drop.startsAt) ||
    Date.parse(String(next.endsAt)) !== Date.parse(drop.endsAt);
  // A window that is not sent is not judged: a past draft's name can still be edited.
  if (!windowChanged && errors.endsAt === endPassedMessage) delete errors.endsAt;
  if (Object.keys(errors).length > 0) return { errors };
  const before = drop as unknown as Record<string, unknown>;
  const diff: Record<string, unknown> = {};
  for (const k of catalogueFields) if (next[k] !== before[k]) diff[k] = next[k];
  if (next.botDefence !== drop.botDefence) diff.botDefence = next.botDefence; // at any time
  if (scheduleEditable) {
    for (const k of ["maxPerShopper", "holdSeconds"] as const) if (next[k] !== before[k]) diff[k] = next[k];
    if (windowChanged) {
      diff.startsAt = next.startsAt;
      diff.endsAt = next.endsAt;
    }
  }
  const parsed = updateDropInput.safeParse(diff);
  return parsed.success ? { input: parsed.data, errors: {} } : { errors: schemaErrors(parsed.error.issues) };
}

/** zod issues (or a 400's details) → one message per form field; unknown paths go to "form". */
export function schemaErrors(
  issues: readonly { path: readonly PropertyKey[] | string; message: string }[] | undefined,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues ?? []) {
    const head = String(
      Array.isArray(issue.path) ? (issue.path[0] ?? "") : (issue.path as string).split(".")[0],
    );
    const field = head === "priceCents" ? "price" : head;
    const key = (field in initialFieldsShape ? field : "form") as keyof FieldErrors;
    errors[key] ??= issue.message;
  }
  return errors;
}

const initialFieldsShape: Record<keyof DropFormFields, true> = {
  name: true,
  description: true,
  imageUrl: true,
  price: true,
  currency: true,
  totalStock: true,
  stockShards: true,
  maxPerShopper: true,
  holdSeconds: true,
  startsAt: true,
  endsAt: true,
  listed: true,
  pow: true,
  mode: true,
};
