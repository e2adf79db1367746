// Invites that cannot outlive their reason, and one account across brands (issue: hardening from an
// outside attack, holes 1 and 2): the inviter never sees the link, a removed owner's saved invite
// lets nobody back in, their invites and tokens die with their membership, nobody can keep an email
// out of a brand, and a person in two brands switches between them.
import { PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { POST as createTokenRoute } from "@/app/api/admin/brands/[brandId]/api-tokens/route";
import { DELETE as revokeInviteRoute } from "@/app/api/admin/brands/[brandId]/invites/[inviteId]/route";
import { GET as listInvitesRoute } from "@/app/api/admin/brands/[brandId]/invites/route";
import { DELETE as removeMemberRoute } from "@/app/api/admin/brands/[brandId]/members/[memberId]/route";
import { GET as listDropsRoute } from "@/app/api/admin/drops/route";
import { POST as switchBrandRoute } from "@/app/api/admin/session/brand/route";
import { DELETE as signOutRoute } from "@/app/api/admin/session/route";
import { hashPassword } from "@/lib/brand/passwords";
import { db, tableName } from "@/lib/db/client";
import type { Invite, Member } from "@/lib/schemas/brand";
import {
  accept,
  cookieOf,
  invite,
  mailedInviteToken,
  newBrand,
  newMember,
  PASSWORD,
  signIn,
  type TestMember,
} from "./brand-helpers";
import { adminToken, call, ownTable } from "./helpers";

ownTable("droprush-test-invites");

let seq = 0;
const email = (what: string) => `${what}-${Date.now().toString(36)}${seq++}@example.com`;
const asCookie = (cookie: string, method = "GET") => ({
  method,
  headers: { cookie, ...(method === "GET" ? {} : { origin: "http://test", host: "test" }) },
});
const listInvites = (brandId: string, auth: { cookie?: string; token?: string } = {}) =>
  call(listInvitesRoute, {
    params: { brandId },
    ...(auth.cookie ? asCookie(auth.cookie) : { token: auth.token ?? adminToken() }),
  });
const removeMember = (brandId: string, memberId: string, by: TestMember) =>
  call(removeMemberRoute, { params: { brandId, memberId }, ...asCookie(by.cookie, "DELETE") });
const adminList = (auth: { cookie?: string; token?: string }) =>
  call(listDropsRoute, auth.cookie ? asCookie(auth.cookie) : { token: auth.token });

async function rawItems() {
  return (await db().send(new ScanCommand({ TableName: tableName(), ConsistentRead: true }))).Items ?? [];
}

describe("an invite is as good as its inviter", () => {
  it("a removed owner's saved invite for a second address of theirs lets nobody in; their invites and tokens are revoked", async () => {
    const brand = await newBrand();
    const [mallory, alice] = [await newMember(brand.id, "owner"), await newMember(brand.id, "owner")];
    const second = email("mallory-second");
    const made = await invite(brand.id, { email: second, role: "owner" }, { cookie: mallory.cookie });
    expect(made.status).toBe(201);
    expect(made.body.invite).toMatchObject({ invitedBy: { kind: "member", id: mallory.member.id } });
    const token = (
      await call(createTokenRoute, {
        params: { brandId: brand.id },
        json: { name: "mine", role: "owner" },
        ...asCookie(mallory.cookie, "POST"),
      })
    ).body.token as string;
    expect((await adminList({ token })).status).toBe(200);
    const alicesInvite = await invite(
      brand.id,
      { email: email("kept"), role: "viewer" },
      { cookie: alice.cookie },
    );

    expect((await removeMember(brand.id, mallory.member.id, alice)).status).toBe(204);

    const back = await accept(await mailedInviteToken(second), { name: "Mallory again", password: PASSWORD });
    expect([back.status, back.body.error?.code]).toEqual([410, "INVITE_EXPIRED"]);
    expect((await adminList({ token })).status).toBe(401);
    const pending = (await listInvites(brand.id)).body.invites as Invite[];
    expect(pending.map((i) => i.id)).toEqual([(alicesInvite.body.invite as Invite).id]);
  });

  it("the inviter's membership is checked when the invite is used, not only when they are removed", async () => {
    const brand = await newBrand();
    const [owner, other] = [await newMember(brand.id, "owner"), await newMember(brand.id, "owner")];
    const to = email("later");
    await invite(brand.id, { email: to, role: "manager" }, { cookie: owner.cookie });
    // Their membership goes by a path that revokes nothing (as a crash part-way through a removal could).
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { pk: `MEMBER#${owner.member.id}`, ...owner.member, role: "viewer", accountId: "x" },
      }),
    );
    const res = await accept(await mailedInviteToken(to), { name: "Late", password: PASSWORD });
    expect([res.status, res.body.error?.code]).toEqual([410, "INVITE_EXPIRED"]);
    expect(other.member.role).toBe("owner"); // the brand keeps working with its other owner
  });

  it("owners list and withdraw pending invites; a withdrawn one is 410; another brand's is 404; an API token may not (403)", async () => {
    const [brand, elsewhere] = [await newBrand(), await newBrand()];
    const owner = await newMember(brand.id, "owner");
    const to = email("withdrawn");
    const inv = (await invite(brand.id, { email: to, role: "viewer" }, { cookie: owner.cookie })).body
      .invite as Invite;
    const listed = await listInvites(brand.id, { cookie: owner.cookie });
    expect(listed.body.invites).toEqual([inv]);
    const strangers = await newMember(elsewhere.id, "owner");
    const revoke = (by: { cookie?: string; token?: string }, brandId = brand.id) =>
      call(revokeInviteRoute, {
        params: { brandId, inviteId: inv.id },
        ...(by.cookie ? asCookie(by.cookie, "DELETE") : { method: "DELETE", token: by.token }),
      });
    expect((await revoke({ cookie: strangers.cookie })).status).toBe(404);
    expect((await revoke({ cookie: strangers.cookie }, elsewhere.id)).status).toBe(404);
    const apiToken = (
      await call(createTokenRoute, {
        params: { brandId: brand.id },
        json: { name: "t", role: "owner" },
        ...asCookie(owner.cookie, "POST"),
      })
    ).body.token as string;
    expect((await revoke({ token: apiToken })).status).toBe(403);
    expect((await listInvites(brand.id, { token: apiToken })).status).toBe(403);
    expect((await revoke({ cookie: owner.cookie })).status).toBe(204);
    expect((await revoke({ cookie: owner.cookie })).status).toBe(204); // again: nothing changes
    expect((await listInvites(brand.id)).body.invites).toEqual([]);
    const res = await accept(await mailedInviteToken(to), { name: "Too late", password: PASSWORD });
    expect([res.status, res.body.error?.code]).toEqual([410, "INVITE_EXPIRED"]);
  });
});

describe("one person, many brands", () => {
  it("inviting says nothing about other brands, the inviter gets no link, and nobody can keep an email out of a brand", async () => {
    const [a, b] = [await newBrand("A"), await newBrand("B")];
    const inA = await newMember(a.id, "manager");
    const ownerB = await newMember(b.id, "owner");
    const known = await invite(b.id, { email: inA.email, role: "viewer" }, { cookie: ownerB.cookie });
    const unknown = await invite(b.id, { email: email("nobody"), role: "viewer" }, { cookie: ownerB.cookie });
    expect([known.status, unknown.status]).toEqual([201, 201]);
    const shape = (r: typeof known) => Object.keys(r.body.invite as object).sort();
    expect(shape(known)).toEqual(shape(unknown));
    expect(JSON.stringify([known.body, unknown.body])).not.toMatch(/token|url|\/invites\//);

    // Their own invite, accepted with their password, makes them a member of both.
    const joined = await accept(await mailedInviteToken(inA.email), { password: PASSWORD });
    expect([joined.status, joined.body.created]).toEqual([201, false]);
    expect(joined.body.member).toMatchObject({ brandId: b.id, email: inA.email, role: "viewer" });
    const wrong = await accept(await mailedInviteToken(inA.email), { password: "not-my-password-1" });
    expect(wrong.status).toBe(410); // used

    // An email B invited first (a new account) still joins A.
    const fresh = email("fresh");
    await invite(b.id, { email: fresh, role: "viewer" }, { cookie: ownerB.cookie });
    expect((await accept(await mailedInviteToken(fresh), { name: "Fresh", password: PASSWORD })).status).toBe(
      201,
    );
    await invite(a.id, { email: fresh, role: "manager" });
    const toA = await accept(await mailedInviteToken(fresh), { password: PASSWORD });
    expect([toA.status, (toA.body.member as Member).brandId]).toEqual([201, a.id]);
  });

  it("an account that exists joins with its password (a wrong one is 401 and the invite holds) or its session", async () => {
    const [a, b, c] = [await newBrand(), await newBrand(), await newBrand()];
    const person = await newMember(a.id, "owner");
    await invite(b.id, { email: person.email, role: "manager" });
    const token = await mailedInviteToken(person.email);
    const wrong = await accept(token, { password: "not-my-password-1" });
    expect([wrong.status, wrong.body.error?.code, wrong.body.error?.details]).toEqual([
      401,
      "UNAUTHENTICATED",
      [{ path: "password", message: "Wrong password" }],
    ]);
    const none = await accept(token, {});
    expect([none.status, none.body.error?.details?.[0]?.path]).toEqual([400, "password"]);
    const signedIn = await accept(token, {}, { cookie: person.cookie, origin: "http://test", host: "test" });
    expect([signedIn.status, (signedIn.body.member as Member).brandId]).toEqual([201, b.id]);
    // Another account's session is no proof.
    const stranger = await newMember(c.id, "owner");
    await invite(c.id, { email: person.email, role: "viewer" });
    const theirs = await accept(
      await mailedInviteToken(person.email),
      {},
      {
        cookie: stranger.cookie,
        origin: "http://test",
        host: "test",
      },
    );
    expect(theirs.status).toBe(400);
  });

  it("sign-in lands in one brand; switching keeps the session (one sign-out ends it); a brand not theirs is 404; leaving one keeps the other", async () => {
    const [a, b, other] = [await newBrand(), await newBrand(), await newBrand()];
    const person = await newMember(a.id, "manager");
    await invite(b.id, { email: person.email, role: "owner" });
    await accept(await mailedInviteToken(person.email), { password: PASSWORD });
    const session = await signIn({ email: person.email, password: PASSWORD });
    expect(session.status).toBe(200);
    expect((session.body.brands as { brandId: string }[]).map((x) => x.brandId).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    const cookie = cookieOf(session);
    const inBrand = async (c: string) => (await adminList({ cookie: c })).body.drops !== undefined;
    expect(await inBrand(cookie)).toBe(true);

    const switchTo = (brandId: string, c = cookie) =>
      call(switchBrandRoute, { json: { brandId }, ...asCookie(c, "POST") });
    const toB = await switchTo(b.id);
    expect([toB.status, (toB.body.member as Member).role]).toEqual([200, "owner"]);
    const cookieB = cookieOf(toB);
    expect(cookieB.split(".")[1]).toBe(cookie.split(".")[1]); // the same nonce: the same session
    expect((await switchTo(other.id)).status).toBe(404);
    expect(
      (await call(switchBrandRoute, { json: { brandId: a.id }, token: adminToken(), method: "POST" })).status,
    ).toBe(403);

    const ownerA = await newMember(a.id, "owner");
    expect((await removeMember(a.id, person.member.id, ownerA)).status).toBe(204);
    expect((await adminList({ cookie })).status).toBe(401); // acting in A: gone
    expect((await adminList({ cookie: cookieB })).status).toBe(200); // acting in B: still there
    const again = await signIn({ email: person.email, password: PASSWORD });
    expect((again.body.member as Member).brandId).toBe(b.id);

    expect((await call(signOutRoute, asCookie(cookieB, "DELETE"))).status).toBe(200);
    expect((await adminList({ cookie: cookieB })).status).toBe(401);
  });

  it("a member from before accounts signs in as before and becomes an account", async () => {
    const brand = await newBrand();
    const who = email("legacy");
    const id = "00aa11bb22cc33dd";
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          pk: `MEMBER#${id}`,
          id,
          brandId: brand.id,
          email: who,
          name: "Old Timer",
          role: "owner",
          createdAt: new Date().toISOString(),
          passwordHash: await hashPassword(PASSWORD),
          gsi1pk: `MEMBERS#${brand.id}`,
          gsi1sk: who,
        },
      }),
    );
    await db().send(
      new PutCommand({ TableName: tableName(), Item: { pk: `MEMBEREMAIL#${who}`, memberId: id } }),
    );
    const res = await signIn({ email: who, password: PASSWORD });
    expect([res.status, (res.body.member as Member).id]).toEqual([200, id]);
    expect((await adminList({ cookie: cookieOf(res) })).status).toBe(200);
    const items = await rawItems();
    expect(items.find((i) => i.pk === `MEMBER#${id}`)).toMatchObject({ accountId: id });
    expect(items.find((i) => i.pk === `MEMBER#${id}`)?.passwordHash).toBeUndefined();
    expect(items.find((i) => i.pk === `ACCOUNTEMAIL#${who}`)).toMatchObject({ accountId: id });
    expect(items.some((i) => i.pk === `MEMBEREMAIL#${who}`)).toBe(false);
    expect((await signIn({ email: who, password: PASSWORD })).status).toBe(200);
  });
});
