// Demo drops for a fresh database: one live with stock, one starting in two minutes, one sold out.
// Safe to run again: existing demo drops are kept, and a new upcoming one is added when none is upcoming.
import { claimUnit } from "@/lib/claim/claim-unit";
import { createDrop, getDropState, listDrops, newDropId } from "@/lib/drop/drops";
import { randomUUID } from "node:crypto";

const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

export async function seedDemo(now = Date.now()): Promise<string[]> {
  const created: string[] = [];
  if (!(await getDropState({ id: "aurora-runner" }))) {
    await createDrop({
      id: "aurora-runner",
      now,
      input: {
        name: "Aurora Runner — Night Edition",
        description: "A reflective knit runner in a one-time colourway. One pair per shopper.",
        imageUrl: "/drops/aurora-runner.svg",
        priceCents: 18_000,
        currency: "USD",
        totalStock: 25,
        maxPerShopper: 1,
        holdSeconds: 600,
        startsAt: iso(now - 5 * minute),
        endsAt: iso(now + 7 * 24 * 60 * minute),
        draft: false,
      },
    });
    created.push("aurora-runner");
  }
  if (!(await getDropState({ id: "golden-ticket" }))) {
    await createDrop({
      id: "golden-ticket",
      now: now - 10 * minute,
      input: {
        name: "Golden Ticket — Tour Opener",
        description: "Front-row tickets for the opening night. Gone in seconds.",
        imageUrl: "/drops/golden-ticket.svg",
        priceCents: 9_900,
        currency: "USD",
        totalStock: 3,
        maxPerShopper: 1,
        holdSeconds: 86_400,
        startsAt: iso(now - 10 * minute),
        endsAt: iso(now + 7 * 24 * 60 * minute),
        draft: false,
      },
    });
    // Sold out for real: three demo shoppers hold the three units.
    for (let i = 0; i < 3; i++) await claimUnit({ dropId: "golden-ticket", shopperId: randomUUID(), now });
    created.push("golden-ticket");
  }
  const upcoming = (await listDrops({ now })).some((d) => d.status === "scheduled");
  if (!upcoming) {
    const id = `midnight-hoodie-${newDropId().slice(0, 4)}`;
    await createDrop({
      id,
      now,
      input: {
        name: "Midnight Hoodie",
        description: "Heavyweight hoodie, embroidered, numbered. Up to two per shopper.",
        imageUrl: "/drops/midnight-hoodie.svg",
        priceCents: 12_000,
        currency: "USD",
        totalStock: 50,
        maxPerShopper: 2,
        holdSeconds: 600,
        startsAt: iso(now + 2 * minute),
        endsAt: iso(now + 3 * 24 * 60 * minute),
        draft: false,
      },
    });
    created.push(id);
  }
  return created;
}
