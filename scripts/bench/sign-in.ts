// `npm run bench -- --sign-in-only`: a real owner's sign-in while a flood of sign-ins with random
// emails is in flight (docs/security.md). The flood keeps `flood` requests on the wire the whole
// time (each answer sends the next); the owner signs in once every `gapMs`, and we time each one.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { latency, type Latency } from "@/lib/race/stats";
import { createHttpClient, sleep, type HttpClient } from "../race/http-pool";
import { freePort, startApp } from "./servers";

export type SignInBench = {
  flood: number;
  seconds: number;
  owner: Latency & { count: number; statuses: Record<string, number> };
  floodAnswers: Record<string, number>;
  floodPerSecond: number;
};

const PASSWORD = "bench-owner-password-7Q";

/** A brand with an owner who has joined (through the API and the invite mail), on a fresh app. */
async function ownerOf(http: HttpClient, adminToken: string, outbox: string): Promise<string> {
  const email = `owner-${Date.now()}@bench.example`;
  const brand = await http.request("POST", "/api/admin/brands", {
    token: adminToken,
    json: { name: "Bench", slug: `bench-${Date.now().toString(36)}` },
  });
  const brandId = (brand.body as { brand: { id: string } }).brand.id;
  await http.request("POST", `/api/admin/brands/${brandId}/invites`, {
    token: adminToken,
    json: { email, role: "owner" },
  });
  const mail = readdirSync(outbox).find((f) => f.endsWith(`-${email}.txt`));
  const token = mail && readFileSync(join(outbox, mail), "utf8").match(/\/invites\/(\S+)/)?.[1];
  if (!token) throw new Error(`No invite mail for ${email} in ${outbox}`);
  const joined = await http.request("POST", `/api/invites/${token}/accept`, {
    json: { name: "Bench owner", password: PASSWORD },
  });
  if (joined.status !== 201) throw new Error(`accept answered ${joined.status}`);
  return email;
}

export async function benchSignIn({
  dbEndpoint,
  flood = 200,
  seconds = 30,
  gapMs = 250,
  log,
}: {
  dbEndpoint: string;
  flood?: number;
  seconds?: number;
  gapMs?: number;
  log: (line: string) => void;
}): Promise<SignInBench> {
  const outbox = mkdtempSync(join(tmpdir(), "droprush-bench-outbox-"));
  const port = await freePort();
  const app = await startApp({ dbEndpoint, port, extraEnv: { MAIL_OUTBOX_DIR: outbox } });
  const http = createHttpClient({ url: app.url, sockets: flood + 8 });
  try {
    const email = await ownerOf(http, app.adminToken, outbox);
    // A server that has been up: the routes' code is compiled before the flood (start:local's own
    // warm-up races claims only). Without this the owner's first sign-ins pay for the JIT as well.
    log("sign-in: warming the route (400 sign-ins, 20 at a time)");
    for (let i = 0; i < 20; i++) {
      await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          http.request("POST", "/api/admin/session", {
            json: { email: `warm-${i}-${n}@bench.example`, password: "a-wrong-password-1" },
          }),
        ),
      );
      await http.request("POST", "/api/admin/session", { json: { email, password: PASSWORD } });
    }
    log(`sign-in: ${flood} random-email sign-ins in flight for ${seconds} s; the owner every ${gapMs} ms`);
    const until = Date.now() + seconds * 1000;
    const floodAnswers: Record<string, number> = {};
    let sent = 0;
    const attacker = async (n: number) => {
      for (let i = 0; Date.now() < until; i++) {
        const res = await http.request("POST", "/api/admin/session", {
          json: { email: `nobody-${n}-${i}-${Date.now()}@bench.example`, password: "a-wrong-password-1" },
        });
        sent++;
        floodAnswers[res.status] = (floodAnswers[res.status] ?? 0) + 1;
      }
    };
    const flooding = Array.from({ length: flood }, (_, n) => attacker(n));
    await sleep(2000); // the flood is at full strength before the owner's first sign-in
    const times: number[] = [];
    const statuses: Record<string, number> = {};
    while (Date.now() < until - 1000) {
      const res = await http.request("POST", "/api/admin/session", { json: { email, password: PASSWORD } });
      times.push(res.ms);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      await sleep(gapMs);
    }
    await Promise.all(flooding);
    return {
      flood,
      seconds,
      owner: { ...latency(times), count: times.length, statuses },
      floodAnswers,
      floodPerSecond: sent / seconds,
    };
  } finally {
    http.close();
    await app.stop();
  }
}

export function renderSignIn(b: SignInBench): string {
  const o = b.owner;
  const answers = Object.entries(b.floodAnswers)
    .map(([status, n]) => `${n} × ${status}`)
    .join(", ");
  return [
    `Sign-in under a flood: ${b.flood} random-email sign-ins in flight for ${b.seconds} s`,
    `  real owner: ${o.count} sign-ins, p50 ${o.p50.toFixed(0)} ms, p99 ${o.p99.toFixed(0)} ms, max ${o.max.toFixed(0)} ms (${JSON.stringify(o.statuses)})`,
    `  flood: ${b.floodPerSecond.toFixed(0)} answers/s (${answers})`,
  ].join("\n");
}
