// Brands, members and their credentials for the tenancy tests, through the real route handlers.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { POST as createBrandRoute } from "@/app/api/admin/brands/route";
import { POST as inviteRoute } from "@/app/api/admin/brands/[brandId]/invites/route";
import { POST as signInRoute } from "@/app/api/admin/session/route";
import { POST as acceptRoute } from "@/app/api/invites/[token]/accept/route";
import { POST as mintRoute } from "@/app/api/shoppers/route";
import type { Brand, Member, Role } from "@/lib/schemas/brand";
import type { Shopper } from "@/lib/schemas/claim";
import { adminToken, call, type Called } from "./helpers";

export const PASSWORD = "correct-horse-battery-7Q";
let seq = 0;
const unique = () =>
  `${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function newBrand(name = "Brand"): Promise<Brand> {
  const res = await call(createBrandRoute, {
    path: "/api/admin/brands",
    token: adminToken(),
    json: { name: `${name} ${unique()}`, slug: `b-${unique()}` },
  });
  if (res.status !== 201) throw new Error(`create brand answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.brand as Brand;
}

export function invite(brandId: string, json: unknown, auth: { token?: string; cookie?: string } = {}) {
  return call(inviteRoute, {
    path: `/api/admin/brands/${brandId}/invites`,
    params: { brandId },
    token: auth.cookie ? undefined : (auth.token ?? adminToken()),
    headers: auth.cookie ? { cookie: auth.cookie, origin: "http://test", host: "test" } : {},
    json,
  });
}

export function accept(token: string, json: unknown, headers: Record<string, string> = {}): Promise<Called> {
  return call(acceptRoute, { path: `/api/invites/${token}/accept`, params: { token }, json, headers });
}

/** The invite token in the newest mail to `email` (the outbox of this test process, lib/mail/send.ts). */
export async function mailedInviteToken(email: string): Promise<string> {
  const dir = process.env.MAIL_OUTBOX_DIR!;
  const files = (await readdir(dir)).filter((f) => f.endsWith(`-${email}.txt`)).sort();
  const text = files.length ? await readFile(join(dir, files.at(-1)!), "utf8") : "";
  const token = text.match(/\/invites\/([a-f0-9]{16}_[A-Za-z0-9_-]{43})\n/)?.[1];
  if (!token) throw new Error(`No invite mail to ${email} in ${dir}`);
  return token;
}

/** "name=value" of a response's Set-Cookie. */
export const cookieOf = (res: Called) => (res.headers.get("set-cookie") ?? "").split(";")[0]!;

export type TestMember = { member: Member; email: string; cookie: string };

/** A member of `brandId` with `role`, invited by the operator, joined and signed in. */
export async function newMember(brandId: string, role: Role): Promise<TestMember> {
  const email = `${role}-${unique()}@example.com`;
  const inv = await invite(brandId, { email, role });
  if (inv.status !== 201) throw new Error(`invite answered ${inv.status}: ${JSON.stringify(inv.body)}`);
  const res = await accept(await mailedInviteToken(email), { name: `A ${role}`, password: PASSWORD });
  if (res.status !== 201) throw new Error(`accept answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { member: res.body.member as Member, email, cookie: cookieOf(res) };
}

export function signIn(json: unknown, headers: Record<string, string> = {}) {
  return call(signInRoute, { path: "/api/admin/session", method: "POST", json, headers });
}

/** A shopper minted by a signed-in member, as the race arena does (from the dashboard's own origin). */
export async function mintAs(cookie: string): Promise<Shopper> {
  const res = await call(mintRoute, {
    path: "/api/shoppers",
    method: "POST",
    headers: { cookie, origin: "http://test", host: "test" },
  });
  if (res.status !== 201) throw new Error(`mint answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as unknown as Shopper;
}
