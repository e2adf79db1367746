import Link from "next/link";

/** In place of a page of write controls the caller's role may not use (the API answers 403 anyway). */
export function ReadOnlyNotice({ what, need = "manager" }: { what: string; need?: "manager" | "owner" }) {
  return (
    <p
      data-testid="read-only"
      className="rounded-2xl border border-zinc-200 bg-white p-6 text-sm text-zinc-600"
    >
      Your role cannot do this here: {what} needs {need === "owner" ? "an owner" : "a manager or an owner"} of
      your brand.{" "}
      <Link href="/admin" className="font-semibold text-brand hover:underline">
        Back to the drops
      </Link>
    </p>
  );
}
