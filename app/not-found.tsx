import Link from "next/link";

/** Any page that is not there (an unknown drop, a mistyped address): a way back to the feed. */
export default function NotFound() {
  return (
    <section className="mx-auto max-w-md space-y-4 py-12 text-center">
      <p className="text-sm font-bold uppercase tracking-wide text-brand">404</p>
      <h1 className="text-3xl font-black tracking-tight">Nothing here</h1>
      <p className="text-zinc-600">
        This page does not exist, or the drop was taken down. The live and upcoming drops are on the feed.
      </p>
      <Link
        href="/"
        className="inline-block rounded-xl bg-zinc-900 px-5 py-3 font-semibold text-white hover:bg-zinc-700"
      >
        Back to the drops
      </Link>
    </section>
  );
}
