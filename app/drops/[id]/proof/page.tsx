import type { Metadata } from "next";
import Link from "next/link";
import { DrawProof } from "@/components/draw/draw-proof";
import { HowToCheck } from "@/components/draw/how-to-check";
import { appUrl } from "@/lib/env";
import { loadDrop } from "../load-drop";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const drop = await loadDrop((await params).id);
  return { title: `Proof of the draw — ${drop.name} — DropRush` };
}

/**
 * The proof of a draw drop (issue 23): the shell names the drop; the draw itself is read and
 * recomputed in the browser (components/draw/draw-proof.tsx), so what the shopper sees checked is
 * what their own browser checked. A drop that is not a draw says so there.
 */
export default async function DrawProofPage({ params }: Props) {
  const drop = await loadDrop((await params).id);
  return (
    <article className="mx-auto max-w-3xl space-y-8">
      <header className="space-y-1">
        <p className="text-sm font-semibold text-zinc-500">
          <Link href={`/drops/${drop.id}`} className="hover:underline">
            ← {drop.name}
          </Link>
        </p>
        <h1 className="text-3xl font-black tracking-tight">Proof of the draw</h1>
        <p className="text-zinc-600">
          Anyone can recompute this draw from what DropRush publishes. This page does it in your browser, with
          the same code as <code>npm run verify-draw</code>.
        </p>
      </header>
      <DrawProof dropId={drop.id} />
      <HowToCheck appUrl={appUrl()} dropId={drop.id} />
    </article>
  );
}
