import Link from "next/link";
import { DrawLive } from "@/components/draw/draw-live";
import { DropLive } from "@/components/drop/drop-live";
import { DropProof } from "@/components/drop/drop-proof";
import { getBrand } from "@/lib/brand/brands";
import { dropProof } from "@/lib/claim/audit";
import { publishedDraw } from "@/lib/entries/published";
import { stockOf } from "@/lib/claim/live-state";
import { formatPrice, formatSeconds } from "@/lib/format";
import { loadDrop } from "./load-drop";

export const dynamic = "force-dynamic";
// No generateMetadata: Next streams it in after hydration, over the tab title the page keeps
// (lib/hooks/use-tab-title.ts), and a five-tab race must tell its tabs apart from the first second.

export default async function DropPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const drop = await loadDrop(id);
  const initialStock = stockOf(drop);
  const isDraw = drop.mode === "draw";
  const [proof, brand, draw] = await Promise.all([
    !isDraw && (drop.status === "sold_out" || drop.status === "ended") ? dropProof(drop.id) : undefined,
    getBrand({ id: drop.brandId }),
    isDraw ? publishedDraw(drop.id, Date.parse(initialStock.serverTime)) : undefined,
  ]);
  // On a phone the claim area comes right under the name and price, in the first screen; the image
  // and the description follow. From md up the image takes the left column beside all of it.
  return (
    <article className="grid gap-6 md:grid-cols-2 md:grid-rows-[auto_auto_auto_1fr] md:gap-x-8">
      <header className="space-y-1 md:col-start-2">
        {brand && (
          <p className="text-sm font-semibold text-zinc-500">
            <Link href={`/brands/${brand.slug}`} className="hover:underline">
              {brand.name}
            </Link>
          </p>
        )}
        <h1 className="text-3xl font-black tracking-tight">{drop.name}</h1>
        <p className="text-xl font-semibold">{formatPrice(drop.priceCents, drop.currency)}</p>
        <p className="text-sm text-zinc-500">
          {draw
            ? `Draw · ${drop.totalStock} unit${drop.totalStock === 1 ? "" : "s"} · winners hold for ${formatSeconds(drop.holdSeconds)}`
            : `Limit ${drop.maxPerShopper} per shopper · held for ${formatSeconds(drop.holdSeconds)} after you claim`}
        </p>
      </header>
      <div className="md:col-start-2">
        {draw ? (
          <DrawLive
            dropId={drop.id}
            priceCents={drop.priceCents}
            currency={drop.currency}
            initialStock={initialStock}
            initialDraw={draw}
          />
        ) : (
          <DropLive
            dropId={drop.id}
            name={drop.name}
            maxPerShopper={drop.maxPerShopper}
            initialStock={initialStock}
            waitingRoom={drop.waitingRoom}
          />
        )}
      </div>
      {drop.imageUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- admin-supplied URLs of any host
        <img
          src={drop.imageUrl}
          alt={drop.name}
          className="aspect-square w-full rounded-2xl bg-zinc-100 object-cover md:col-start-1 md:row-span-4 md:row-start-1"
        />
      ) : (
        <div className="aspect-square w-full rounded-2xl bg-zinc-100 md:col-start-1 md:row-span-4 md:row-start-1" />
      )}
      <div className="space-y-4 md:col-start-2">
        {drop.description && <p className="text-zinc-600">{drop.description}</p>}
        {proof && <DropProof r={proof} currency={drop.currency} />}
      </div>
    </article>
  );
}
