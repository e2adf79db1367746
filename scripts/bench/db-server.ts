// The bench's database: the same embedded dynalite as start:local, in its own process (its own
// core), with every request counted by operation and key. GET /__counts reads, POST /__counts resets.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import dynalite from "dynalite";
import { connect, ensureTable } from "@/lib/db/connect";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const counts = new Map<string, number>();
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
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

const dynamo = server.listeners("request")[0] as Handler;
server.removeAllListeners("request");
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
    let label = "-";
    try {
      label = keyLabel(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>);
    } catch {
      // not JSON: dynalite answers it with an error; count it without a key
    }
    const name = `${op} ${label}`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  });
  dynamo(req, res);
});

await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const client = connect({ endpoint, region: "us-east-1" });
await ensureTable(client, process.env.DYNAMODB_TABLE || "droprush");
client.destroy();
counts.clear();
console.log(`READY ${endpoint}`);
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
