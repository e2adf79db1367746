// An UpdateItem's expressions, built from parts: a condition is clauses joined with and/or, an
// update is the attributes it sets and adds, and each part carries the values it names. Parts are
// only ever joined, never edited as text afterwards. Pure.

type Values = Record<string, unknown>;

/** A condition with the values it names; `op` is how a joined one was joined (for brackets). */
export type Clause = { text: string; values: Values; op?: "AND" | "OR" };

/** One comparison or function, e.g. `clause("endsAt > :now", { ":now": now })`; join several with and/or. */
export const clause = (text: string, values: Values = {}): Clause => ({ text, values });

/** Every part holds; an OR part is bracketed. */
export const and = (...parts: Clause[]): Clause => join(parts, "AND");

/** Any part holds; an AND part is bracketed. */
export const or = (...parts: Clause[]): Clause => join(parts, "OR");

function join(parts: Clause[], op: "AND" | "OR"): Clause {
  if (parts.length === 1) return parts[0]!;
  return {
    text: parts.map((p) => (p.op !== undefined && p.op !== op ? `(${p.text})` : p.text)).join(` ${op} `),
    values: merge(parts.map((p) => p.values)),
    op,
  };
}

/** `phase = :p` for one phase, `phase IN (:p, :q)` for several, each value named by itself. */
export function phaseIs(phases: readonly string[]): Clause {
  const values = Object.fromEntries(phases.map((p) => [`:${p}`, p]));
  const names = Object.keys(values);
  return clause(names.length === 1 ? `phase = ${names[0]}` : `phase IN (${names.join(", ")})`, values);
}

/** What an update writes: attributes it sets, and numbers it adds (ADD; negative subtracts). */
export type Update = { set?: Values; add?: Record<string, number> };

/**
 * The UpdateItem input for `update` when `condition` holds. Each attribute is written as `#name`
 * (reserved words such as `name` need it) with its value as `:name`; a left-out (undefined) one
 * is not written.
 */
export function updateInput(update: Update, condition: Clause) {
  const set = present(update.set);
  const add = present(update.add);
  const parts = [
    set.length > 0 && `SET ${set.map(([k]) => `#${k} = :${k}`).join(", ")}`,
    add.length > 0 && `ADD ${add.map(([k]) => `#${k} :${k}`).join(", ")}`,
  ].filter((p): p is string => p !== false);
  if (parts.length === 0) throw new Error("An update that writes nothing.");
  const all = [...set, ...add];
  return {
    UpdateExpression: parts.join(" "),
    ConditionExpression: condition.text,
    ExpressionAttributeNames: Object.fromEntries(all.map(([k]) => [`#${k}`, k])),
    ExpressionAttributeValues: merge([
      Object.fromEntries(all.map(([k, v]) => [`:${k}`, v])),
      condition.values,
    ]),
  };
}

const present = (values: Values | undefined) =>
  Object.entries(values ?? {}).filter(([, v]) => v !== undefined);

/** The values of several parts; one name given two different values is a mistake in the code. */
function merge(all: Values[]): Values {
  const merged: Values = {};
  for (const values of all)
    for (const [name, value] of Object.entries(values)) {
      if (name in merged && merged[name] !== value) throw new Error(`${name} is given two values.`);
      merged[name] = value;
    }
  return merged;
}
