// Least privilege for buyers' data: owners, managers (members or API tokens) and the operator get
// each buyer's name, email and shipping address; viewers and viewer tokens get them masked, in the
// claims JSON and in the CSV. The addresses events came from are in the activity log for owners and
// the operator only: everybody else's events have no `address` at all.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as activityRoute } from "@/app/api/admin/brands/[brandId]/activity/route";
import { GET as claimsRoute } from "@/app/api/admin/drops/[id]/claims/route";
import { POST as confirmRoute } from "@/app/api/claims/[claimId]/confirm/route";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { CSV_HEADER } from "@/lib/admin/claims-page";
import { recordActivity } from "@/lib/brand/activity";
import { createApiToken } from "@/lib/brand/api-tokens";
import { createDrop, newDropId } from "@/lib/drop/drops";
import type { ActivityEvent } from "@/lib/schemas/brand";
import type { Claim } from "@/lib/schemas/claim";
import type { AdminClaimsPage } from "@/lib/schemas/drop-admin";
import { newBrand, newMember } from "./brand-helpers";
import { adminToken, call, dropInput, mintShoppers } from "./helpers";

type Caller = "owner" | "manager" | "viewer" | "ownerToken" | "managerToken" | "viewerToken" | "operator";
const auth = {} as Record<Caller, { cookie?: string; token?: string }>;
const fullBuyers: Caller[] = ["owner", "manager", "ownerToken", "managerToken", "operator"];
const maskedBuyers: Caller[] = ["viewer", "viewerToken"];
const withAddresses: Caller[] = ["owner", "ownerToken", "operator"];
const withoutAddresses: Caller[] = ["manager", "managerToken", "viewer", "viewerToken"];

const buyers = [
  { name: "Grace Hopper", email: "grace.hopper@navy.example.mil", shippingAddress: "1 Cobol Way\nArlington" },
  { name: "Alan Turing", email: "alan@bletchley.example.uk", shippingAddress: "-2 Enigma Row, Bletchley" },
];
/** What no masked answer may carry: every word of every buyer's details. */
const secrets = [
  "Grace",
  "Hopper",
  "grace.hopper",
  "navy",
  "Cobol",
  "Arlington",
  "Alan",
  "Turing",
  "bletchley",
  "Enigma",
];

let brandId: string;
let dropId: string;
let orders: Claim[];

const headersOf = (c: Caller): Record<string, string> => (auth[c].cookie ? { cookie: auth[c].cookie! } : {});
const claimsAs = (c: Caller, query = "") =>
  call(claimsRoute, {
    path: `/api/admin/drops/${dropId}/claims${query}`,
    params: { id: dropId },
    token: auth[c].token,
    headers: headersOf(c),
  });
async function csvAs(c: Caller): Promise<string[][]> {
  const res = await claimsRoute(
    new Request(`http://test/api/admin/drops/${dropId}/claims?format=csv`, {
      headers: { ...headersOf(c), ...(auth[c].token ? { authorization: `Bearer ${auth[c].token}` } : {}) },
    }),
    { params: Promise.resolve({ id: dropId }) },
  );
  expect(res.status).toBe(200);
  const text = await res.text();
  for (const s of maskedBuyers.includes(c) ? secrets : []) expect(text).not.toContain(s);
  return parseCsv(text);
}

/** RFC 4180 records, each field unquoted. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (quoted || (ch !== "," && ch !== "\r")) field += ch;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else {
      rows.push([...row, field]);
      [row, field] = [[], ""];
      i++; // the \n of CRLF
    }
  }
  return rows;
}

beforeAll(async () => {
  const brand = await newBrand("Privacy");
  brandId = brand.id;
  const [owner, manager, viewer] = await Promise.all(
    (["owner", "manager", "viewer"] as const).map((role) => newMember(brandId, role)),
  );
  const token = async (role: "owner" | "manager" | "viewer") =>
    (await createApiToken({ brandId, name: `${role} token`, role, createdBy: { kind: "operator" } })).token;
  Object.assign(auth, {
    owner: { cookie: owner!.cookie },
    manager: { cookie: manager!.cookie },
    viewer: { cookie: viewer!.cookie },
    ownerToken: { token: await token("owner") },
    managerToken: { token: await token("manager") },
    viewerToken: { token: await token("viewer") },
    operator: { token: adminToken() },
  });

  dropId = newDropId();
  const input = dropInput({ name: "Privacy drop" });
  await createDrop({
    id: dropId,
    brandId,
    input: {
      ...input,
      description: "",
      imageUrl: "",
      currency: "USD",
      maxPerShopper: 1,
      holdSeconds: 600,
      draft: false,
      listed: true,
    },
  });
  const shoppers = await mintShoppers(3); // two buy, one only holds
  orders = [];
  for (const [i, s] of shoppers.entries()) {
    const claimId = (await call(claimRoute, { params: { id: dropId }, token: s.token })).body.claim!.id;
    if (i === 2) continue;
    const res = await call(confirmRoute, { params: { claimId }, token: s.token, json: buyers[i] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    orders.push(res.body.claim!);
  }
});

describe("the claims JSON", () => {
  it.each(fullBuyers)("%s: every buyer's name, email and address", async (c) => {
    const res = await claimsAs(c);
    expect(res.status).toBe(200);
    const { claims } = res.body as unknown as AdminClaimsPage;
    expect(claims).toHaveLength(3);
    for (const order of orders) expect(claims.find((x) => x.id === order.id)).toEqual(order);
  });

  it.each(maskedBuyers)("%s: each order, its number and status, the buyer masked", async (c) => {
    const res = await claimsAs(c);
    expect(res.status).toBe(200);
    const { claims } = res.body as unknown as AdminClaimsPage;
    expect(claims).toHaveLength(3);
    const grace = claims.find((x) => x.id === orders[0]!.id)!;
    expect(grace).toMatchObject({ status: "confirmed", orderNumber: orders[0]!.orderNumber });
    expect(grace.order!.buyer).toEqual({ name: "G••• H•••", email: "g•••@n•••.mil", shippingAddress: "•••" });
    expect(claims.find((x) => x.id === orders[1]!.id)!.order!.buyer).toEqual({
      name: "A••• T•••",
      email: "a•••@b•••.uk",
      shippingAddress: "•••",
    });
    const text = JSON.stringify(res.body);
    for (const s of secrets) expect(text).not.toContain(s);
  });
});

describe("the claims CSV", () => {
  const column = (rows: string[][], name: string, claimId: string) =>
    rows.find((r) => r[0] === claimId)![CSV_HEADER.indexOf(name)];

  it.each(fullBuyers)("%s: the buyers' columns as typed, formulas defused", async (c) => {
    const rows = await csvAs(c);
    expect(rows[0]).toEqual(CSV_HEADER);
    expect(rows).toHaveLength(1 + 3);
    const [grace, alan] = orders;
    expect(column(rows, "order_number", grace!.id)).toBe(grace!.orderNumber);
    expect(column(rows, "buyer_name", grace!.id)).toBe("Grace Hopper");
    expect(column(rows, "buyer_email", grace!.id)).toBe("grace.hopper@navy.example.mil");
    expect(column(rows, "shipping_address", grace!.id)).toBe("1 Cobol Way\nArlington");
    expect(column(rows, "buyer_email", alan!.id)).toBe("alan@bletchley.example.uk");
    expect(column(rows, "shipping_address", alan!.id)).toBe("'-2 Enigma Row, Bletchley");
  });

  it.each(maskedBuyers)("%s: every row, the buyers masked", async (c) => {
    const rows = await csvAs(c);
    expect(rows).toHaveLength(1 + 3);
    const [grace, alan] = orders;
    expect(column(rows, "order_number", grace!.id)).toBe(grace!.orderNumber);
    expect(column(rows, "buyer_name", grace!.id)).toBe("G••• H•••");
    expect(column(rows, "buyer_email", grace!.id)).toBe("g•••@n•••.mil");
    expect(column(rows, "shipping_address", grace!.id)).toBe("•••");
    expect(column(rows, "buyer_email", alan!.id)).toBe("a•••@b•••.uk");
  });
});

describe("the activity log's addresses", () => {
  beforeAll(async () => {
    await recordActivity({
      brandId,
      action: "drop.pause",
      actor: { kind: "operator" },
      dropId,
      address: "203.0.113.9",
    });
  });
  const eventsAs = async (c: Caller, query = "") => {
    const res = await call(activityRoute, {
      path: `/api/admin/brands/${brandId}/activity${query}`,
      params: { brandId },
      token: auth[c].token,
      headers: headersOf(c),
    });
    expect(res.status).toBe(200);
    return res.body.events as ActivityEvent[];
  };

  it.each(withAddresses)("%s: where each event came from", async (c) => {
    for (const query of ["", `?dropId=${dropId}`]) {
      const pause = (await eventsAs(c, query)).find((e) => e.action === "drop.pause");
      expect(pause?.address).toBe("203.0.113.9");
    }
  });

  it.each(withoutAddresses)("%s: the events, without any address", async (c) => {
    for (const query of ["", `?dropId=${dropId}`]) {
      const events = await eventsAs(c, query);
      expect(events.map((e) => e.action)).toContain("drop.pause");
      for (const e of events) expect(e).not.toHaveProperty("address");
    }
  });
});
