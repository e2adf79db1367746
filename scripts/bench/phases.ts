// The bench's measurements. Each returns plain numbers; bench.ts decides what they are compared to.
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { connect } from "@/lib/db/connect";
import { keys } from "@/lib/db/table";
import type { Shopper } from "@/lib/schemas/claim";
import { createHttpClient, errorCode, sleep, type HttpClient } from "../race/http-pool";
import { latency, tally, type Latency } from "@/lib/race/stats";

export type Rate = {
  count: number;
  seconds: number;
  perSecond: number;
  latencyMs: Latency;
  outcomes: Record<string, number>;
};

function rate(samples: { ms: number; outcome: string }[], seconds: number): Rate {
  return {
    count: samples.length,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(samples.length / seconds),
    latencyMs: latency(samples.map((s) => s.ms)),
    outcomes: tally(samples, (s) => s.outcome),
  };
}

/** `concurrency` workers, each sending `op` back to back until `stop` says so. */
async function loop(
  concurrency: number,
  stop: (sent: number) => boolean,
  op: (i: number) => Promise<{ ms: number; outcome: string }>,
): Promise<Rate> {
  const samples: { ms: number; outcome: string }[] = [];
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!stop(sent)) samples.push(await op(sent++));
    }),
  );
  return rate(samples, (performance.now() - started) / 1000);
}

const forMs = (ms: number) => {
  const end = performance.now() + ms;
  return () => performance.now() >= end;
};

/** The ceiling: the claim's conditional UpdateItem on one hot item, straight from an SDK client. */
export async function rawUpdates({
  endpoint,
  tableName,
  concurrency,
}: {
  endpoint: string;
  tableName: string;
  concurrency: number;
}) {
  const db = connect({ endpoint, region: "us-east-1" });
  const id = `bench-raw-${Date.now()}`;
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.drop(id), id, remainingStock: 1e9, startsAt: 0, endsAt: 8.64e15, phase: "active" },
    }),
  );
  const update = async () => {
    const t = performance.now();
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.drop(id),
        UpdateExpression: "SET remainingStock = remainingStock - :one, lastTakenAt = :now", // as lib/stock/take.ts takeUnit
        ConditionExpression:
          "remainingStock > :zero AND startsAt <= :now AND endsAt > :now AND phase = :active",
        ExpressionAttributeValues: { ":one": 1, ":zero": 0, ":now": Date.now(), ":active": "active" },
        ReturnValues: "ALL_NEW",
      }),
    );
    return { ms: performance.now() - t, outcome: "ok" };
  };
  return {
    run: (durationMs: number) => loop(concurrency, forMs(durationMs), update),
    close: () => db.destroy(),
  };
}

function claimOp(http: HttpClient, dropId: string, shoppers: Shopper[], withKey: boolean) {
  return async (i: number) => {
    const shopper = shoppers[i % shoppers.length] as Shopper;
    const headers: Record<string, string> = withKey ? { "idempotency-key": `bench-${i}` } : {};
    const r = await http.request("POST", `/api/drops/${dropId}/claims`, { token: shopper.token, headers });
    return {
      ms: r.ms,
      outcome: r.status === 0 ? `NETWORK ${r.error}` : (errorCode(r.body) ?? String(r.status)),
    };
  };
}

/** One draw entry per shopper in `shoppers`, at `concurrency` (scripts/bench/draw.ts). */
export function enterEach(
  http: HttpClient,
  { dropId, shoppers, concurrency }: { dropId: string; shoppers: Shopper[]; concurrency: number },
): Promise<Rate> {
  return loop(
    concurrency,
    (sent) => sent >= shoppers.length,
    async (i) => {
      const r = await http.request("POST", `/api/drops/${dropId}/entries`, { token: shoppers[i]!.token });
      return {
        ms: r.ms,
        outcome: r.status === 0 ? `NETWORK ${r.error}` : (errorCode(r.body) ?? String(r.status)),
      };
    },
  );
}

/** One claim per shopper in `shoppers`, at `concurrency`. */
export function claimEach(
  http: HttpClient,
  {
    dropId,
    shoppers,
    concurrency,
    withKey = false,
  }: { dropId: string; shoppers: Shopper[]; concurrency: number; withKey?: boolean },
): Promise<Rate> {
  return loop(concurrency, (sent) => sent >= shoppers.length, claimOp(http, dropId, shoppers, withKey));
}

/** Claims for `durationMs`, shoppers round-robin (for a sold-out drop every one is refused). */
export function claimFor(
  http: HttpClient,
  {
    dropId,
    shoppers,
    concurrency,
    durationMs,
  }: { dropId: string; shoppers: Shopper[]; concurrency: number; durationMs: number },
): Promise<Rate> {
  return loop(concurrency, forMs(durationMs), claimOp(http, dropId, shoppers, false));
}

/** `pollers` clients, each on its own socket, each polling the stock endpoint once a second. */
export async function poll({
  url,
  dropId,
  pollers,
  durationMs,
}: {
  url: string;
  dropId: string;
  pollers: number;
  durationMs: number;
}): Promise<Rate & { late: number }> {
  const http = createHttpClient({ url, sockets: pollers });
  const samples: { ms: number; outcome: string }[] = [];
  let late = 0; // polls that could not keep their 1 s schedule because the previous one was still out
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(
    Array.from({ length: pollers }, async (_, p) => {
      for (let tick = started + (p / pollers) * 1000; tick < end; tick += 1000) {
        const wait = tick - performance.now();
        if (wait > 0) await sleep(wait);
        else late++;
        const r = await http.request("GET", `/api/drops/${dropId}/stock`);
        samples.push({ ms: r.ms, outcome: String(r.status) });
      }
    }),
  );
  const result = rate(samples, (performance.now() - started) / 1000);
  http.close();
  return { ...result, late };
}
