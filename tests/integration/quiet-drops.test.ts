// The sweeper's audits are background work: once a drop's stock and claims agree, the next minutes
// cost one query of the claims that gave a unit back since, reading nothing while none did, never
// all its claims again; a unit whose return was lost after the agreement is still found and
// returned; and an audit reads the claims in small pages with rests, never in one burst.
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { auditDrop } from "@/lib/claim/audit";
import { claimUnit } from "@/lib/claim/claim-unit";
import { faults } from "@/lib/claim/faults";
import { trustedProof } from "@/lib/claim/guest-proof";
import { releaseHold } from "@/lib/claim/holds";
import { sweep } from "@/lib/claim/sweep";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import { counting } from "./feed-helpers";
import { createDrop, dropState, mintShoppers, ownTable } from "./helpers";

ownTable("droprush-test-quiet-drops"); // the sweeper reconciles every drop of the table it sees

const MINUTE = 60_000;

describe("a quiet drop after its audit agreed", () => {
  it("costs one empty query a minute, not its 30 claims; a hold ended with its return lost is found", async () => {
    const drop = await createDrop({ totalStock: 40, holdSeconds: 600 });
    const shoppers = await mintShoppers(30);
    const claims = await Promise.all(
      shoppers.map((s) => claimUnit({ dropId: drop.id, shopperId: s.shopperId, proof: trustedProof })),
    );
    // Past the time a claim's writer could still be in flight: the full audit, which agrees.
    const t = Date.now() + MINUTE + 1_000;
    const first = await counting(() => sweep({ now: t }));
    expect(first.result).toMatchObject({ drops: 1, returned: 0 });
    expect(first.queries).toContain(`gsi1 CLAIMS#${drop.id}`);
    expect(first.items).toBeGreaterThanOrEqual(30);

    // Within the minute: nothing past the listing and the paid holds. After it: one query of the
    // drop's ended claims, which reads nothing.
    for (const at of [t + 30_000, t + MINUTE, t + 2 * MINUTE]) {
      const quiet = await counting(() => sweep({ now: at }));
      expect(quiet.result).toMatchObject({ drops: 1, returned: 0 });
      expect(quiet.queries).not.toContain(`gsi1 CLAIMS#${drop.id}`);
      expect(quiet.items).toBeLessThanOrEqual(3); // the entry by end, the drop's two items
    }

    // A release whose process dies between the hold's end and the unit's return: the stock items do
    // not change, so only the ended claim tells. The next minute's recheck finds it, the audit
    // waits out the writer, then returns the unit, once.
    faults.afterHoldEnded = () => {
      throw new Error("killed after the hold ended");
    };
    const { claim } = claims[0]!;
    await expect(
      releaseHold({ claimId: claim.id, shopperId: claim.shopperId, now: Date.now() }),
    ).rejects.toThrow("killed after the hold ended");
    delete faults.afterHoldEnded;
    expect((await dropState(drop.id))!.remainingStock).toBe(10);
    const later = Date.now() + MINUTE + 1_000;
    const found = await counting(() => sweep({ now: Math.max(later, t + 3 * MINUTE) }));
    expect(found.queries).toContain(`gsi1 CLAIMS#${drop.id}`);
    expect(found.result).toMatchObject({ returned: 1 });
    expect((await dropState(drop.id))!.remainingStock).toBe(11);
    expect(await sweep({ now: Math.max(later, t + 3 * MINUTE) + MINUTE })).toMatchObject({ returned: 0 });
    expect((await dropState(drop.id))!.remainingStock).toBe(11);
  });

  it("its audit reads a big drop's claims in pages of 100, resting between them; an admin's in one go", async () => {
    const drop = await createDrop({ totalStock: 300, holdSeconds: 600 });
    const shoppers = await mintShoppers(250);
    await Promise.all(
      shoppers.map((s) => claimUnit({ dropId: drop.id, shopperId: s.shopperId, proof: trustedProof })),
    );
    const t = Date.now() + MINUTE + 1_000;
    const claimPages = (queries: string[]) => queries.filter((q) => q === `gsi1 CLAIMS#${drop.id}`).length;
    const swept = await counting(() => sweep({ now: t }));
    expect(swept.result).toMatchObject({ returned: 0 });
    expect(claimPages(swept.queries)).toBe(3);
    const byAdmin = await counting(() => auditDrop({ dropId: drop.id, now: t }));
    expect(byAdmin.result).toMatchObject({ action: "none", held: 250 });
    expect(claimPages(byAdmin.queries)).toBe(1);
  });

  it("a hold ended with no trace in the ended claims (a server from before them) and its return lost: the quarter-hourly audit", async () => {
    const drop = await createDrop({ totalStock: 5, holdSeconds: 3_600 }); // no hold expires meanwhile
    const shoppers = await mintShoppers(3);
    const claims = await Promise.all(
      shoppers.map((s) => claimUnit({ dropId: drop.id, shopperId: s.shopperId, proof: trustedProof })),
    );
    const t = Date.now() + MINUTE + 1_000;
    await sweep({ now: t }); // agrees
    // The end as the code before the list wrote it: out of the live holds, into no list; then the
    // process dies before the unit's return.
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.claim(claims[0]!.claim.id),
        UpdateExpression: "SET #status = :expired, endedAt = :at REMOVE gsi3pk, gsi3sk",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":expired": "expired", ":at": Date.now() },
      }),
    );
    // (The other tests' drops in this table are swept too: only this drop's stock is looked at.)
    for (const at of [t + 2 * MINUTE, t + 14 * MINUTE]) {
      await sweep({ now: at }); // only its ended claims are read, and they say nothing
      expect((await dropState(drop.id))!.remainingStock).toBe(2);
    }
    await sweep({ now: t + 15 * MINUTE });
    expect((await dropState(drop.id))!.remainingStock).toBe(3);
  });
});
