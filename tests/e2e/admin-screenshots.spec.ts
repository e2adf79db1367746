import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import type { Shopper } from "@/lib/schemas/claim";
import { E2E_ADMIN_TOKEN } from "./env";
import { sleep } from "../../scripts/race/http-pool";
import { admin, createDrop, payByApi } from "./helpers";

// Screenshots of the admin dashboard and a drop's live view under real traffic. Written to
// docs/screenshots/ with UPDATE_SCREENSHOTS=1, otherwise to this test's output folder.
const out = (name: string) =>
  process.env.UPDATE_SCREENSHOTS ? `docs/screenshots/${name}` : test.info().outputPath(name);

test.use({ viewport: { width: 1280, height: 900 }, timezoneId: "Europe/Paris" });

async function shoppers(request: APIRequestContext, n: number): Promise<Shopper[]> {
  return Promise.all(
    Array.from(
      { length: n },
      async () =>
        (await (await request.post("/api/shoppers", { data: {}, headers: admin })).json()) as Shopper,
    ),
  );
}

test("screenshots: the admin dashboard and a live view mid-launch", async ({ page, request }) => {
  test.setTimeout(120_000);
  const now = Date.now();
  const iso = (ms: number) => new Date(now + ms).toISOString();
  const pool = await shoppers(request, 110);
  const claim = (dropId: string, s: Shopper) =>
    request.post(`/api/drops/${dropId}/claims`, {
      headers: { Authorization: `Bearer ${s.token}` },
      data: {},
    });

  // A drop that sold out in a burst, one scheduled for tomorrow, and a draft.
  const flash = await createDrop(request, {
    botDefence: "off", // its shoppers are admin-minted (rehearsal) ones: real drops ask them for proof
    name: "Golden Ticket — Encore",
    imageUrl: "/drops/golden-ticket.svg",
    totalStock: 20,
    startsAt: iso(-1_000),
  });
  await Promise.all(pool.slice(0, 60).map((s) => claim(flash.id, s)));
  await createDrop(request, {
    botDefence: "off", // its shoppers are admin-minted (rehearsal) ones: real drops ask them for proof
    name: "Aurora Runner — Dawn",
    imageUrl: "/drops/aurora-runner.svg",
    totalStock: 300,
    startsAt: iso(86_400_000),
    endsAt: iso(90_000_000),
  });
  await createDrop(request, {
    botDefence: "off", // its shoppers are admin-minted (rehearsal) ones: real drops ask them for proof
    name: "Archive Tee",
    totalStock: 50,
    draft: true,
    startsAt: iso(2 * 86_400_000),
    endsAt: iso(3 * 86_400_000),
  });

  // The launch: starts in 3 s, two per shopper, traffic in waves, a 2-second pause mid-way.
  const launch = await createDrop(request, {
    botDefence: "off", // its shoppers are admin-minted (rehearsal) ones: real drops ask them for proof
    name: "Midnight Hoodie — Launch",
    description: "Heavyweight hoodie, embroidered, numbered.",
    imageUrl: "/drops/midnight-hoodie.svg",
    priceCents: 12_000,
    totalStock: 200,
    maxPerShopper: 2,
    startsAt: iso(3_000),
  });
  const inFlight: Promise<{ shopper: Shopper; answer: APIResponse }>[] = [];
  for (let tick = 0; tick < 100; tick++) {
    const n = Math.max(0, Math.round(4 + 4 * Math.sin(tick / 6)));
    for (let i = 0; i < n; i++) {
      const shopper = pool[Math.floor(Math.random() * pool.length)]!;
      inFlight.push(claim(launch.id, shopper).then((answer) => ({ shopper, answer })));
    }
    if (tick === 35) await request.post(`/api/admin/drops/${launch.id}/pause`, { headers: admin, data: {} });
    if (tick === 45) await request.post(`/api/admin/drops/${launch.id}/resume`, { headers: admin, data: {} });
    await sleep(200);
  }
  const answers = await Promise.all(inFlight);
  // A few winners check out, so the live view shows orders and revenue.
  const held = answers.filter((a) => a.answer.status() === 201).slice(0, 3);
  for (const [i, { shopper, answer }] of held.entries()) {
    const { claim: hold } = (await answer.json()) as { claim: { id: string } };
    const confirmed = await request.post(`/api/claims/${hold.id}/confirm`, {
      headers: { Authorization: `Bearer ${shopper.token}` },
      data: { name: `Buyer ${i}`, email: `buyer${i}@example.com`, shippingAddress: "1 Drop Street" },
    });
    expect(confirmed.status()).toBe(200);
    await payByApi(request, confirmed);
  }

  await page.goto("/admin/login");
  await page.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto(`/admin/drops/${launch.id}`);
  await expect(page.getByTestId("chart-point").first()).toBeVisible();
  await sleep(2_500); // the last second's counts are flushed and read
  await page.screenshot({ path: out("admin-live-view.png"), fullPage: true });

  await page.goto("/admin");
  await expect(page.getByTestId(`drop-row-${flash.id}`)).toContainText("100%");
  await page.screenshot({ path: out("admin-dashboard.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: out("phone-admin-dashboard.png"), fullPage: true });
});
