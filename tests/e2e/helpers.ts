import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, type APIRequestContext, type APIResponse, type Locator, type Page } from "@playwright/test";
import type { CreateDropInput, Drop, Stock } from "@/lib/schemas/drop";
import type { Claim, Shopper } from "@/lib/schemas/claim";
import { E2E_ADMIN_TOKEN, E2E_OUTBOX_DIR } from "./env";

export const admin = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

/** The path of the invite link in the newest mail to `email` (the server's outbox), once it is there. */
export async function mailedInvitePath(email: string): Promise<string> {
  let path: string | undefined;
  await expect
    .poll(
      async () => {
        const files = (await readdir(E2E_OUTBOX_DIR).catch(() => [])).filter((f) =>
          f.endsWith(`-${email}.txt`),
        );
        const newest = files.sort().at(-1);
        const text = newest ? await readFile(join(E2E_OUTBOX_DIR, newest), "utf8") : "";
        path = text.match(/https?:\/\/[^/\s]+(\/invites\/\S+)/)?.[1];
        return path;
      },
      { message: `an invite mail to ${email}` },
    )
    .toBeDefined();
  return path!;
}

/** Creates a drop through the admin API; the server picks the id. */
export async function createDrop(
  request: APIRequestContext,
  input: Partial<CreateDropInput> & Pick<CreateDropInput, "startsAt">,
): Promise<Drop> {
  const res = await request.post("/api/admin/drops", {
    headers: admin,
    data: {
      name: "E2E drop",
      description: "Created by a Playwright test.",
      priceCents: 4_200,
      currency: "USD",
      totalStock: 3,
      maxPerShopper: 1,
      holdSeconds: 600,
      endsAt: new Date(Date.now() + 60 * 60_000).toISOString(),
      ...input,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { drop: Drop }).drop;
}

export async function getStock(request: APIRequestContext, dropId: string): Promise<Stock> {
  const res = await request.get(`/api/drops/${dropId}/stock`);
  expect(res.ok()).toBe(true);
  return (await res.json()) as Stock;
}

/** Waits until the server's clock (a stock read's serverTime) is past `ms`. */
export async function untilServerTime(
  request: APIRequestContext,
  dropId: string,
  ms: number,
  timeout: number,
): Promise<void> {
  await expect
    .poll(async () => Date.parse((await getStock(request, dropId)).serverTime), { timeout, intervals: [500] })
    .toBeGreaterThan(ms);
}

export async function adminDrop(request: APIRequestContext, dropId: string): Promise<Drop> {
  const res = await request.get("/api/admin/drops", { headers: admin });
  expect(res.ok()).toBe(true);
  const drop = ((await res.json()) as { drops: Drop[] }).drops.find((d) => d.id === dropId);
  expect(drop, `drop ${dropId} in the admin list`).toBeDefined();
  return drop!;
}

/** The guest shopper this tab minted (the page keeps it in sessionStorage). */
export async function tabShopper(page: Page): Promise<Shopper> {
  const saved = await page.evaluate(() => sessionStorage.getItem("droprush.shopper"));
  expect(saved, "the page minted a shopper").toBeTruthy();
  return JSON.parse(saved!) as Shopper;
}

export async function shopperClaims(
  request: APIRequestContext,
  dropId: string,
  token: string,
): Promise<Claim[]> {
  const res = await request.get(`/api/drops/${dropId}/claims/me`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { claims: Claim[] }).claims;
}

/** The drop page's one claim button, whatever it reads ("Claim", "Coming soon", "Sold out", …). */
export const theButton = (page: Page) => page.getByTestId("claim-button");
/** The same button while it offers a claim (it reads "Claiming…" until the tab's shopper exists). */
export const claimButton = (page: Page) => page.getByRole("button", { name: "Claim", exact: true });

/**
 * One claim end to end through the API on a throwaway drop, so a timing assertion measures the
 * app and not the first request's route loading on a cold server.
 */
export async function warmUp(request: APIRequestContext): Promise<void> {
  const drop = await createDrop(request, {
    name: "E2E warm-up",
    botDefence: "off", // claimed by an admin-minted shopper, whom a real drop asks for proof
    totalStock: 1,
    startsAt: new Date(Date.now() - 1_000).toISOString(),
  });
  const shopper = (await (
    await request.post("/api/shoppers", { data: {}, headers: admin })
  ).json()) as Shopper;
  const auth = { Authorization: `Bearer ${shopper.token}` };
  expect((await request.post(`/api/drops/${drop.id}/claims`, { headers: auth, data: {} })).status()).toBe(
    201,
  );
  await getStock(request, drop.id);
  await shopperClaims(request, drop.id, shopper.token);
}

/** A brand made by the operator and an invite mailed to `email`: the invite link's path. */
export async function brandInvite(
  request: APIRequestContext,
  { name, email, role = "owner" }: { name: string; email: string; role?: string },
): Promise<string> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const made = await request.post("/api/admin/brands", { headers: admin, data: { name, slug } });
  expect(made.status(), await made.text()).toBe(201);
  const { brand } = (await made.json()) as { brand: { id: string } };
  const invited = await request.post(`/api/admin/brands/${brand.id}/invites`, {
    headers: admin,
    data: { email, role },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  return mailedInvitePath(email);
}

/** Opens the drop page, waits for the tab's shopper, claims, and waits for the hold. */
export async function claimInTab(page: Page, dropId: string): Promise<void> {
  await page.goto(`/drops/${dropId}`);
  await expect(claimButton(page)).toBeEnabled({ timeout: 15_000 });
  await claimButton(page).click();
  await expect(page.getByTestId("hold")).toBeVisible();
}

/** The e2e server takes payment with the local provider: Stripe's test cards, no account. */
export const TEST_CARD = "4242 4242 4242 4242";

/** The card step after "Check out": a test card number, then Pay (the order follows). */
export async function payInPage(checkout: Locator, card = TEST_CARD): Promise<void> {
  await checkout.getByLabel("Card number").fill(card);
  await checkout.getByRole("button", { name: /^Pay / }).click();
}

/** A checkout sent over the API, paid with a test card, so it ends in an order as in the page. */
export async function payByApi(request: APIRequestContext, confirmed: APIResponse): Promise<void> {
  const { payment } = (await confirmed.json()) as { payment?: { paymentId: string; clientSecret: string } };
  if (!payment) return; // payments off, or a free drop: the order is already written
  const paid = await request.post("/api/payments/local/confirm", {
    data: { paymentId: payment.paymentId, clientSecret: payment.clientSecret, cardNumber: TEST_CARD },
  });
  expect(paid.status(), await paid.text()).toBe(200);
}
