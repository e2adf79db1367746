// A fault-injection proxy between the AWS SDK's DynamoDB client and a DynamoDB-compatible endpoint
// (dynalite, DynamoDB Local). Integration tests, the benchmark and the race CLI point the SDK here to
// lose answers, reset connections, throttle, fail or slow chosen operations, and to simulate a
// per-partition write capacity. Node built-ins only, so it can run anywhere the app runs.
import http from "node:http";
import type { Socket } from "node:net";

export type FaultKind = "lose-response" | "reset-before" | "throttle" | "throttling" | "internal" | "latency";
export type FaultRule = {
  kind: FaultKind;
  ops?: string[]; // operation names from X-Amz-Target, e.g. ["UpdateItem"]; absent = all
  key?: string | RegExp; // partition key (see requestKey): string prefix or RegExp; absent = any
  probability?: number; // 0..1, default 1
  times?: number; // fire at most this many times
  latencyMs?: number; // for "latency"
};
export type WriteBudget = { writesPerSecond: number; burst?: number; key?: string | RegExp };
type Injected = Record<FaultKind | "budget-throttle", number>;
type Answer = { status: number; headers: string[]; body: Buffer };
export type FaultProxy = {
  endpoint: string;
  setRules(rules: FaultRule[]): void;
  setWriteBudget(budget: WriteBudget | undefined): void;
  setSeed(seed: number): void;
  stats(): {
    requests: number;
    byOp: Record<string, number>;
    injected: Injected;
    injectedByOp: Record<string, number>;
  };
  resetStats(): void;
  close(): Promise<void>;
};

const WRITE_OPS = new Set(["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"]);
const ERRORS = {
  throttle: [400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException"],
  throttling: [400, "com.amazon.coral.availability#ThrottlingException"],
  internal: [500, "com.amazonaws.dynamodb.v20120810#InternalServerError"],
} as const;
// Hop-by-hop headers describe one connection, not the message; Node sets its own for each side.
const HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "te", "trailer"]);

/** The operation and partition key a request is about. For Query the key is
 * `<IndexName or "table">:<first string value among the ":"-named ExpressionAttributeValues>`
 * (e.g. "byDrop:DROP#1"), the usual `pk = :pk` shape; other ops without a single key get "". */
export function requestKey(target: string | undefined, body: string): { op: string; key: string } {
  const op = target?.split(".")[1] ?? "";
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { op, key: "" };
  }
  if (["GetItem", "PutItem", "UpdateItem", "DeleteItem"].includes(op)) {
    return { op, key: stringAt(json, "Key", "pk", "S") ?? stringAt(json, "Item", "pk", "S") ?? "" };
  }
  if (op === "Query") {
    const values = (field(json, "ExpressionAttributeValues") ?? {}) as Record<string, unknown>;
    const first = Object.keys(values).find(
      (name) => name.startsWith(":") && stringAt(values, name, "S") !== undefined,
    );
    const value = first === undefined ? "" : (stringAt(values, first, "S") ?? "");
    return { op, key: `${stringAt(json, "IndexName") ?? "table"}:${value}` };
  }
  return { op, key: "" };
}

const field = (v: unknown, name: string): unknown =>
  typeof v === "object" && v !== null ? (v as Record<string, unknown>)[name] : undefined;
function stringAt(v: unknown, ...path: string[]): string | undefined {
  const found = path.reduce(field, v);
  return typeof found === "string" ? found : undefined;
}

function keyMatches(pattern: string | RegExp | undefined, key: string): boolean {
  if (pattern === undefined) return true;
  if (typeof pattern === "string") return key.startsWith(pattern);
  pattern.lastIndex = 0; // a /g or /y pattern would otherwise remember the previous match
  return pattern.test(key);
}

// mulberry32: tiny, seedable, good enough to make probability rolls repeatable.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const emptyInjected = (): Injected => ({
  "lose-response": 0,
  "reset-before": 0,
  throttle: 0,
  throttling: 0,
  internal: 0,
  latency: 0,
  "budget-throttle": 0,
});

export async function startFaultProxy(opts: {
  target: string;
  port?: number;
  host?: "127.0.0.1";
  seed?: number;
}): Promise<FaultProxy> {
  const target = new URL(opts.target);
  if (target.protocol !== "http:") throw new Error(`fault proxy forwards to http only, got ${opts.target}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let rules: { rule: FaultRule; fired: number }[] = [];
  let budget: WriteBudget | undefined;
  let buckets = new Map<string, { tokens: number; at: number }>();
  let random = mulberry32(opts.seed ?? 1);
  let stats = { requests: 0, byOp: {} as Record<string, number>, injected: emptyInjected() };
  let injectedByOp: Record<string, number> = {};
  const sockets = new Set<Socket>();
  let closed = false;
  let errorCount = 0;

  const count = (kind: keyof Injected, op: string) => {
    stats.injected[kind]++;
    injectedByOp[op] = (injectedByOp[op] ?? 0) + 1;
  };

  function pickRule(op: string, key: string): FaultRule | undefined {
    for (const r of rules) {
      const { rule } = r;
      if (rule.ops && !rule.ops.includes(op)) continue;
      if (!keyMatches(rule.key, key)) continue;
      if (rule.times !== undefined && r.fired >= rule.times) continue;
      if ((rule.probability ?? 1) < 1 && random() >= (rule.probability ?? 1)) continue;
      r.fired++;
      return rule;
    }
    return undefined;
  }

  /** Token bucket per partition key; true when this write may go through. */
  function takeToken(op: string, key: string): boolean {
    if (!budget || !WRITE_OPS.has(op) || !keyMatches(budget.key, key)) return true;
    const capacity = budget.burst ?? budget.writesPerSecond;
    const now = performance.now();
    const b = buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * budget.writesPerSecond);
    b.at = now;
    buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  function sendError(res: http.ServerResponse, kind: keyof typeof ERRORS) {
    const [status, type] = ERRORS[kind];
    const body = JSON.stringify({ __type: type, message: `injected by fault proxy (${kind})` });
    res.writeHead(status, {
      "content-type": "application/x-amz-json-1.0",
      "content-length": Buffer.byteLength(body),
      "x-amzn-requestid": `fault-proxy-${++errorCount}`, // so a logged $metadata.requestId shows the source
    });
    res.end(body);
  }

  /** Forwards the request; resolves with the upstream's complete answer, or undefined on failure. */
  function forward(req: http.IncomingMessage, body: Buffer, retried = false): Promise<Answer | undefined> {
    const headers: http.OutgoingHttpHeaders = { "content-length": body.length };
    // Keep the client's Host: it is part of the SigV4 signature a stricter endpoint would verify.
    for (const [name, value] of Object.entries(req.headers)) if (!HOP.has(name)) headers[name] ??= value;
    return new Promise((resolve) => {
      const up = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
        (upRes) => {
          const chunks: Buffer[] = [];
          upRes.on("data", (c: Buffer) => chunks.push(c));
          upRes.on("error", () => resolve(undefined));
          upRes.on("end", () => {
            const raw: string[] = [];
            for (let i = 0; i < upRes.rawHeaders.length; i += 2) {
              const name = upRes.rawHeaders[i]!;
              if (!HOP.has(name.toLowerCase())) raw.push(name, upRes.rawHeaders[i + 1]!);
            }
            const data = Buffer.concat(chunks);
            if (upRes.headers["content-length"] === undefined)
              raw.push("Content-Length", String(data.length));
            resolve({ status: upRes.statusCode ?? 502, headers: raw, body: data });
          });
        },
      );
      up.on("error", (err: NodeJS.ErrnoException) => {
        // The upstream closed an idle keep-alive socket just as we reused it, so it never saw the
        // request: try once on a fresh socket instead of failing the client (Node's documented fix).
        if (up.reusedSocket && err.code === "ECONNRESET" && !retried) resolve(forward(req, body, true));
        else resolve(undefined);
      });
      up.end(body);
    });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) {
    const { op, key } = requestKey(req.headers["x-amz-target"] as string | undefined, body.toString("utf8"));
    stats.requests++;
    stats.byOp[op] = (stats.byOp[op] ?? 0) + 1;
    const rule = pickRule(op, key);
    if (rule) count(rule.kind, op);
    if (rule?.kind === "reset-before") return void req.socket.destroy();
    if (rule && rule.kind in ERRORS) return sendError(res, rule.kind as keyof typeof ERRORS);
    if (rule?.kind === "latency") await new Promise((r) => setTimeout(r, rule.latencyMs ?? 0));
    if (closed || req.socket.destroyed) return;
    // The budget stands for the database's own capacity, so it is checked as the write arrives there.
    if (!takeToken(op, key)) {
      count("budget-throttle", op);
      return rule?.kind === "lose-response" ? void req.socket.destroy() : sendError(res, "throttle");
    }
    const answer = await forward(req, body);
    // lose-response: the database has applied the request; the client never hears of it.
    if (!answer || rule?.kind === "lose-response" || req.socket.destroyed) return void req.socket.destroy();
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("error", () => req.socket.destroy());
    res.on("error", () => req.socket.destroy());
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      handle(req, res, Buffer.concat(chunks)).catch(() => req.socket.destroy());
    });
  });
  // Longer than the SDK's idle sockets live, so the server never closes one the client is about to reuse.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("error", () => s.destroy());
    s.on("close", () => sockets.delete(s));
  });
  server.on("clientError", (_err, s) => s.destroy());
  server.on("error", () => {}); // after listen, nothing here should take the process down

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("fault proxy: no TCP address");

  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    setRules: (next) => void (rules = next.map((rule) => ({ rule, fired: 0 }))),
    setWriteBudget: (next) => {
      budget = next;
      buckets = new Map();
    },
    setSeed: (seed) => void (random = mulberry32(seed)),
    stats: () => ({
      requests: stats.requests,
      byOp: { ...stats.byOp },
      injected: { ...stats.injected },
      injectedByOp: { ...injectedByOp },
    }),
    resetStats: () => {
      stats = { requests: 0, byOp: {}, injected: emptyInjected() };
      injectedByOp = {};
    },
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        agent.destroy();
      }),
  };
}
