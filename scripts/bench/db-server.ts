// The bench's database, in its own process (its own core), with every request counted by
// operation and key: the same embedded dynalite as start:local, or with BENCH_DB=dynamodb-local,
// AWS's DynamoDB Local (Java, a child of this process) behind this counting proxy. Prints
// "READY <endpoint> [<DynamoDB Local's own endpoint>]". GET /__counts reads, POST /__counts resets.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import dynalite from "dynalite";
import { connect, ensureTable } from "@/lib/db/connect";
import { startDynamoDbLocal } from "@/scripts/dynamodb-local";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const TABLE = process.env.DYNAMODB_TABLE || "droprush";
const counts = new Map<string, number>();
const local = process.env.BENCH_DB === "dynamodb-local" ? await startDynamoDbLocal(TABLE) : undefined;
const server = local
  ? http.createServer()
  : dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

// Keys that name a drop keep its id ("DROP#<id>", "HOLDS#<id>"); the rest count by kind ("SLOT").
const PER_DROP = new Set(["DROP", "DROPINFO", "HOLDS", "CLAIMS", "ATTEMPTS"]);
function label(value: string): string {
  const [kind = value, id] = value.split("#");
  return PER_DROP.has(kind) && id ? `${kind}#${id}` : kind;
}

/** The item's key for item operations (a batch's first); "<index> <partition>" for queries. */
function keyLabel(body: Record<string, unknown>): string {
  const pk =
    (body.Key as { pk?: { S?: string } } | undefined)?.pk?.S ??
    (body.Item as { pk?: { S?: string } } | undefined)?.pk?.S;
  if (pk) return label(pk);
  // A BatchGetItem counts once, by its first key (lib/db/batched-get.ts batches one kind of read).
  const batch = Object.values(
    (body.RequestItems ?? {}) as Record<string, { Keys?: { pk?: { S?: string } }[] }>,
  );
  const first = batch[0]?.Keys?.[0]?.pk?.S;
  if (first) return label(first);
  const values = Object.values((body.ExpressionAttributeValues ?? {}) as Record<string, { S?: string }>);
  const partition = values.find((v) => typeof v.S === "string")?.S;
  return `${typeof body.IndexName === "string" ? body.IndexName : "table"} ${partition ? label(partition) : "-"}`;
}

// dynalite's own handler, called after the counting one (none on the proxy).
const dynaliteHandler = server.listeners("request")[0] as Handler | undefined;
server.removeAllListeners("request");

/** Sends the request, whose body was read, on to DynamoDB Local, and its answer back. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
function forward(req: IncomingMessage, res: ServerResponse, body: Buffer) {
  const to = new URL(local!.endpoint);
  const out = http.request(
    { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers, agent },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.on("error", () => res.destroy());
      answer.pipe(res);
    },
  );
  // DynamoDB Local unreachable: a 502 the SDK retries; a client gone: no answer to wait for.
  out.on("error", () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
  res.on("close", () => {
    if (!res.writableFinished) out.destroy();
  });
  out.end(body);
}

server.on("request", (req: IncomingMessage, res: ServerResponse) => {
  if (req.url?.startsWith("/__counts")) {
    if (req.method === "POST") counts.clear();
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(Object.fromEntries(counts)));
    return;
  }
  const op = String(req.headers["x-amz-target"] ?? "").split(".")[1] ?? "?";
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    let label = "-";
    try {
      label = keyLabel(JSON.parse(body.toString("utf8")) as Record<string, unknown>);
    } catch {
      // not JSON: the database answers it with an error; count it without a key
    }
    const name = `${op} ${label}`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
    if (local) forward(req, res, body);
  });
  dynaliteHandler?.(req, res);
});

await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
if (!local) {
  const client = connect({ endpoint, region: "us-east-1" });
  await ensureTable(client, TABLE);
  client.destroy();
}
counts.clear();
console.log(`READY ${endpoint}${local ? ` ${local.endpoint}` : ""}`);
process.on("SIGTERM", () => {
  void local?.stop();
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
