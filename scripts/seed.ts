// Demo drops, one of each thing a newcomer should see: live with stock, a countdown, sold out, a
// draw open for entries, and a drop behind a waiting room whose pre-queue is open. Idempotent: each
// demo drop has a fixed id and is created once. On a later run (the persisted `.data/` of `npm run
// dev`) the countdown drop and the waiting room's are rescheduled to start two minutes later, and
// the live and sold-out ones get a new end if theirs has passed; so does the draw while it has not
// been drawn (a drawn draw stays as it was: its result and proof are final). No second copy is ever
// created.
import { ensureHouseBrand } from "@/lib/brand/brands";
import { createInvite, inviteUrl } from "@/lib/brand/invites";
import { memberByEmail } from "@/lib/brand/members";
import { claimUnit } from "@/lib/claim/claim-unit";
import { trustedProof } from "@/lib/claim/guest-proof";
import { HOUSE_BRAND } from "@/lib/schemas/brand";
import { reopenDrop, updateDropInfo } from "@/lib/drop/admin-writes";
import { readDropNames } from "@/lib/drop/drop-reads";
import { createDropWithRoom } from "@/lib/queue/room-changes";
import { readDraw } from "@/lib/entries/draw-item";
import { enter } from "@/lib/entries/entries";
import { getDropState } from "@/lib/stock/reads";
import { ensureFeedEntries } from "@/lib/drop/feed-entries";
import type { DropState } from "@/lib/stock/status";
import type { WaitingRoom } from "@/lib/schemas/queue";
import { randomUUID } from "node:crypto";

const minute = 60_000;
const day = 24 * 60 * minute;
const iso = (ms: number) => new Date(ms).toISOString();

type Demo = {
  id: string;
  name: string;
  description: string;
  imageUrl: string;
  priceCents: number;
  totalStock: number;
  maxPerShopper: number;
  holdSeconds: number;
  /** The window, relative to now: its start and its length. */
  startsIn: number;
  lasts: number;
  /** On every run, not only when its window has closed (the countdown must restart). */
  restartEachRun?: boolean;
  /** Units claimed by demo shoppers at creation. */
  soldAtCreation?: number;
  /** A draw (issue 23) rather than first come, first served. */
  mode?: "draw";
  /** A draw's entries by demo shoppers at creation. */
  entriesAtCreation?: number;
  /** A waiting room in front of it (issue 25). */
  waitingRoom?: WaitingRoom;
};

/** The demo drops: plain product names; the page shows each one's state (live, counting down, sold out). */
export const demoDrops: Demo[] = [
  {
    id: "aurora-runner",
    name: "Aurora Runner",
    description: "A reflective knit runner in a one-time colourway. On sale now: one pair per shopper.",
    imageUrl: "/drops/aurora-runner.svg",
    priceCents: 18_000,
    totalStock: 25,
    maxPerShopper: 1,
    holdSeconds: 600,
    startsIn: -5 * minute,
    lasts: 7 * day,
  },
  {
    id: "golden-ticket",
    name: "Golden Ticket",
    description: "Front-row tickets for the opening night. All three went in seconds: see the proof.",
    imageUrl: "/drops/golden-ticket.svg",
    priceCents: 9_900,
    totalStock: 3,
    maxPerShopper: 1,
    holdSeconds: 86_400,
    startsIn: -10 * minute,
    lasts: 7 * day,
    soldAtCreation: 3,
  },
  {
    id: "midnight-hoodie",
    name: "Midnight Hoodie",
    description: "Heavyweight hoodie, embroidered, numbered. Watch the countdown; up to two per shopper.",
    imageUrl: "/drops/midnight-hoodie.svg",
    priceCents: 12_000,
    totalStock: 50,
    maxPerShopper: 2,
    holdSeconds: 600,
    startsIn: 2 * minute,
    lasts: 3 * day,
    restartEachRun: true,
  },
  {
    id: "comet-low",
    name: "Comet Low",
    description:
      "A hand-finished low-top in a run of five. Drawn, not raced: enter before the close, winners are drawn at random, and anyone can check the draw.",
    imageUrl: "/drops/comet-low.svg",
    priceCents: 21_000,
    totalStock: 5,
    maxPerShopper: 1,
    holdSeconds: 600,
    startsIn: -5 * minute,
    lasts: 6 * 60 * minute,
    mode: "draw",
    entriesAtCreation: 12,
  },
  {
    id: "nova-cap",
    name: "Nova Cap",
    description:
      "A six-panel cap in a run of twenty, behind a waiting room: join the line before the start, your place is drawn at random when it starts, and you claim when it is your turn.",
    imageUrl: "/drops/nova-cap.svg",
    priceCents: 4_500,
    totalStock: 20,
    maxPerShopper: 1,
    holdSeconds: 600,
    // Its pre-queue is open from the first page view, and the line starts two minutes after.
    startsIn: 2 * minute,
    lasts: 3 * 60 * minute,
    restartEachRun: true,
    waitingRoom: { enabled: true, admitPerMinute: 30, prequeueMinutes: 15, passMinutes: 5 },
  },
];

/**
 * The countdown demo starts over unless it is counting down right now; the live and sold-out ones
 * open again once their window has closed (or an admin ended them).
 */
async function needsReopening(demo: Demo, state: DropState, now: number): Promise<boolean> {
  if (demo.restartEachRun) return !(state.phase === "active" && state.startsAt > now);
  const closed = state.phase !== "active" || state.endsAt <= now;
  return closed && !(demo.mode === "draw" && (await readDraw(demo.id, true))?.drawn);
}

/** What this run did to each demo drop. */
export type SeedResult = { created: string[]; rescheduled: string[] };

export async function seedDemo(now = Date.now()): Promise<SeedResult> {
  // A `.data/` from before feed entries gets them now, before the server shows its first feed.
  await ensureFeedEntries();
  const result: SeedResult = { created: [], rescheduled: [] };
  const names = await readDropNames(demoDrops.map((d) => d.id));
  for (const demo of demoDrops) {
    // A `.data/` from before kept names that carried a state ("— live now"): the page shows state.
    const name = names.get(demo.id);
    if (name !== undefined && name !== demo.name)
      await updateDropInfo({ id: demo.id, changes: { name: demo.name } });
    const startsAt = now + demo.startsIn;
    const endsAt = startsAt + demo.lasts;
    const state = await getDropState({ id: demo.id, consistent: true });
    if (!state) {
      await createDropWithRoom({
        id: demo.id,
        now: Math.min(now, startsAt),
        input: {
          name: demo.name,
          description: demo.description,
          imageUrl: demo.imageUrl,
          priceCents: demo.priceCents,
          currency: "USD",
          totalStock: demo.totalStock,
          maxPerShopper: demo.maxPerShopper,
          holdSeconds: demo.holdSeconds,
          startsAt: iso(startsAt),
          endsAt: iso(endsAt),
          draft: false,
          listed: true,
          mode: demo.mode ?? "first-come",
          ...(demo.waitingRoom ? { waitingRoom: demo.waitingRoom } : {}),
        },
      });
      for (let i = 0; i < (demo.entriesAtCreation ?? 0); i++)
        await enter({ dropId: demo.id, shopperId: randomUUID(), now });
      // Sold for real: demo shoppers hold the units.
      for (let i = 0; i < (demo.soldAtCreation ?? 0); i++)
        await claimUnit({ dropId: demo.id, shopperId: randomUUID(), now, proof: trustedProof });
      result.created.push(demo.id);
    } else if (await needsReopening(demo, state, now)) {
      // Stock and claims stay as they are: only the window (and the phase) change.
      await reopenDrop({
        id: demo.id,
        startsAt: demo.restartEachRun ? startsAt : state.startsAt,
        endsAt,
        now,
      });
      result.rescheduled.push(demo.id);
    }
  }
  return result;
}

/** The demo brand's owner: the seeded drops are the house brand's. */
export const DEMO_OWNER_EMAIL = "owner@droprush.local";

/**
 * The house brand, and while its demo owner has not joined yet, a fresh single-use invite for them
 * (printed by `npm run dev`); undefined once they have.
 */
export async function seedDemoInvite(): Promise<string | undefined> {
  await ensureHouseBrand();
  if (await memberByEmail({ brandId: HOUSE_BRAND.id, email: DEMO_OWNER_EMAIL })) return undefined;
  const { token } = await createInvite({
    brandId: HOUSE_BRAND.id,
    email: DEMO_OWNER_EMAIL,
    role: "owner",
    invitedBy: { kind: "operator" },
  });
  return inviteUrl(token);
}
