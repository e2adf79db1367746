import { fromLocalInput, toLocalInput } from "@/lib/admin/local-time";
import { createDropInput, endPassedMessage, hasPassed, type Drop } from "@/lib/schemas/drop";
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
  maxPerShopper: string;
  holdSeconds: string;
  startsAt: string; // datetime-local, the admin's zone
  endsAt: string;
  listed: boolean; // a checkbox: shown in the public feed
};
/** The fields typed as text (every one but the `listed` checkbox). */
export type TextFieldKey = Exclude<keyof DropFormFields, "listed">;
export type FieldErrors = Partial<Record<keyof DropFormFields | "form", string>>;

const HOUR = 3_600_000;

export function initialFields(drop?: Drop, now = Date.now()): DropFormFields {
  const start = Math.ceil((now + HOUR) / HOUR) * HOUR; // the next full hour after one from now
  return {
    name: drop?.name ?? "",
    description: drop?.description ?? "",
    imageUrl: drop?.imageUrl ?? "",
    price: drop ? (drop.priceCents / 100).toFixed(2) : "",
    currency: drop?.currency ?? "USD",
    totalStock: drop ? String(drop.totalStock) : "100",
    maxPerShopper: drop ? String(drop.maxPerShopper) : "1",
    holdSeconds: drop ? String(drop.holdSeconds) : "600",
    startsAt: toLocalInput(drop?.startsAt ?? new Date(start).toISOString()),
    endsAt: toLocalInput(drop?.endsAt ?? new Date(start + 24 * HOUR).toISOString()),
    listed: drop?.listed ?? true,
  };
}

/** The "Start now" button's value: the current minute, as a datetime-local value in this zone. */
export function startNowInput(now = Date.now()): string {
  return toLocalInput(new Date(Math.floor(now / 60_000) * 60_000).toISOString());
}

const whole = (v: string) => (/^\s*-?\d+\s*$/.test(v) ? Number(v) : Number.NaN);

/** The create body these fields describe, and every problem with it (local parsing + the schema). */
export function checkCreate(
  f: DropFormFields,
  draft: boolean,
): { input?: unknown; candidate: Record<string, unknown>; errors: FieldErrors } {
  const local: FieldErrors = {};
  const price = f.price.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(price)) local.price = "Enter a price like 12.50";
  for (const k of ["totalStock", "maxPerShopper", "holdSeconds"] as const)
    if (Number.isNaN(whole(f[k]))) local[k] = "Enter a whole number";
  const startsAt = fromLocalInput(f.startsAt);
  const endsAt = fromLocalInput(f.endsAt);
  if (!startsAt) local.startsAt = "Pick a date and time";
  if (!endsAt) local.endsAt = "Pick a date and time";
  // The schema's own rules, repeated: zod skips object-level refinements while a field fails to
  // parse; an end that has passed is named first, as the schema's field rule does.
  else if (hasPassed(endsAt)) local.endsAt = endPassedMessage;
  else if (startsAt && Date.parse(endsAt) <= Date.parse(startsAt))
    local.endsAt = "The end must be after the start";
  const candidate = {
    name: f.name,
    description: f.description,
    imageUrl: f.imageUrl.trim(),
    priceCents: Math.round(Number(price) * 100),
    currency: f.currency.trim(),
    totalStock: whole(f.totalStock),
    maxPerShopper: whole(f.maxPerShopper),
    holdSeconds: whole(f.holdSeconds),
    startsAt: startsAt ?? f.startsAt,
    endsAt: endsAt ?? f.endsAt,
    draft,
    listed: f.listed,
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
  const { candidate: next, errors } = checkCreate({ ...f, totalStock: String(drop.totalStock) }, false);
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
  maxPerShopper: true,
  holdSeconds: true,
  startsAt: true,
  endsAt: true,
  listed: true,
};
