import Link from "next/link";

/**
 * A drop, brand or page the admin cannot see, under the admin's own nav: the way back is the
 * dashboard, not the shoppers' feed. One message for "not there" and "another brand's", so the
 * page says nothing about other tenants.
 */
export default function AdminNotFound() {
  return (
    <section className="mx-auto max-w-md space-y-4 py-12 text-center">
      <p className="text-sm font-bold uppercase tracking-wide text-brand">404</p>
      <h1 className="text-3xl font-black tracking-tight">Not in your admin</h1>
      <p className="text-zinc-600">
        This page could not be found: the drop or brand does not exist, or it belongs to a brand you are not a
        member of.
      </p>
      <Link
        href="/admin"
        className="inline-block rounded-xl bg-zinc-900 px-5 py-3 font-semibold text-white hover:bg-zinc-700"
      >
        Back to the dashboard
      </Link>
    </section>
  );
}
